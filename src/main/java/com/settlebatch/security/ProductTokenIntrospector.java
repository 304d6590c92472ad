package com.settlebatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import com.settlebatch.audit.Actor;

/**
 * The product's own bearer tokens, for Spring Security's opaque-token support: a person's
 * token from {@link ApiTokens}, or the service account's. A token that is unknown,
 * expired or revoked is refused alike, without saying which.
 */
class ProductTokenIntrospector implements OpaqueTokenIntrospector {

	static final String ACTOR_KIND = "actor_kind";

	private final ApiTokens tokens;

	private final AuthProperties.ServiceAccount service;

	private final byte[] serviceDigest;

	ProductTokenIntrospector(ApiTokens tokens, AuthProperties.ServiceAccount service) {
		this.tokens = tokens;
		this.service = service;
		this.serviceDigest = service.enabled() ? digest(service.token()) : null;
		if (service.enabled()) {
			Role.of(service.role());
		}
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		// Digests of equal length, compared in constant time: neither the service token's
		// content nor its length leaks by timing.
		if (serviceDigest != null && MessageDigest.isEqual(serviceDigest, digest(token))) {
			return principal(service.name(), Role.of(service.role()), Actor.SERVICE, "service-account");
		}
		if (token.startsWith(ApiTokens.PREFIX)) {
			ApiTokens.Holder holder = tokens.holder(token).orElse(null);
			if (holder != null) {
				return principal(holder.user(), holder.role(), Actor.PERSON, holder.id());
			}
		}
		throw new BadOpaqueTokenException("the bearer token is not valid, has expired or was revoked");
	}

	private static OAuth2AuthenticatedPrincipal principal(String name, Role role, String kind, String tokenId) {
		return new DefaultOAuth2AuthenticatedPrincipal(name, Map.of(ACTOR_KIND, kind, "token_id", tokenId),
				List.of(new SimpleGrantedAuthority(role.authority())));
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
