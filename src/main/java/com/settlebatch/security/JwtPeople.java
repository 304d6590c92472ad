package com.settlebatch.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * People signed in by the company's identity provider: how its JWTs are checked and whom
 * and which role they name. Role values are the role words ({@code viewer},
 * {@code operator}, {@code admin}, any case); others are ignored, so a token with none of
 * them signs in nobody who may do anything.
 */
final class JwtPeople implements Converter<Jwt, AbstractAuthenticationToken> {

	private final AuthProperties.Jwt settings;

	JwtPeople(AuthProperties.Jwt settings) {
		this.settings = settings;
	}

	/**
	 * The provider's keys are fetched on the first JWT, not at start-up: the service
	 * starts even while the provider is unreachable, and product tokens keep working
	 * meanwhile.
	 */
	static JwtDecoder decoder(AuthProperties.Jwt settings) {
		String issuer = settings.issuerUri();
		boolean hasIssuer = issuer != null && !issuer.isBlank();
		if (settings.jwkSetUri() == null || settings.jwkSetUri().isBlank()) {
			return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
		OAuth2TokenValidator<Jwt> validator = hasIssuer ? JwtValidators.createDefaultWithIssuer(issuer)
				: JwtValidators.createDefault();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validator));
		return decoder;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String user = jwt.getClaimAsString(settings.userClaim());
		if (user == null || user.isBlank()) {
			user = jwt.getSubject();
		}
		return new JwtAuthenticationToken(jwt, authorities(jwt), user);
	}

	private Collection<GrantedAuthority> authorities(Jwt jwt) {
		Object value = jwt.getClaims();
		for (String part : settings.rolesClaim().split("\\.")) {
			value = value instanceof Map<?, ?> map ? map.get(part) : null;
		}
		List<Object> values = new ArrayList<>();
		if (value instanceof Collection<?> many) {
			values.addAll(many);
		}
		else if (value instanceof String words) {
			values.addAll(List.of(words.split("[ ,]+")));
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (Object role : values) {
			for (Role known : Role.values()) {
				if (known.word().equalsIgnoreCase(String.valueOf(role))) {
					authorities.add(new SimpleGrantedAuthority(known.authority()));
				}
			}
		}
		return authorities;
	}

}
