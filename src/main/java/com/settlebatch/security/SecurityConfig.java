package com.settlebatch.security;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import com.settlebatch.audit.Audit;

/**
 * The filter chain of {@code settle serve}: stateless bearer tokens only (no session, no
 * cookie, so no CSRF to guard against), the rules of {@link AccessRules} and then deny.
 * Spring Security's resource-server support reads the token; this class only chooses who
 * checks it: a JWT goes to the identity provider's keys, anything else to the product's
 * own tokens. Public only so that a web slice test can import it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(AuthProperties.class)
public class SecurityConfig {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManagerResolver<HttpServletRequest> managers,
			RoleHierarchy hierarchy, Audit audit, JsonMapper json) throws Exception {
		SecurityErrors errors = new SecurityErrors(audit, json);
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests(requests -> rules(requests, hierarchy))
			.oauth2ResourceServer(server -> server.authenticationManagerResolver(managers)
				.authenticationEntryPoint(errors)
				.accessDeniedHandler(errors))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
			.addFilterAfter(new RequestAudit(audit), AuthorizationFilter.class);
		return http.build();
	}

	private static void rules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			RoleHierarchy hierarchy) {
		for (AccessRules.Rule rule : AccessRules.RULES) {
			String[] patterns = rule.patterns().toArray(String[]::new);
			if (rule.methods().isEmpty()) {
				grant(requests.requestMatchers(patterns), rule.access(), hierarchy);
			}
			else {
				for (HttpMethod method : rule.methods()) {
					grant(requests.requestMatchers(method, patterns), rule.access(), hierarchy);
				}
			}
		}
		requests.anyRequest().denyAll();
	}

	private static void grant(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url,
			AccessRules.Access access, RoleHierarchy hierarchy) {
		if (access.role == null) {
			url.permitAll();
			return;
		}
		AuthorityAuthorizationManager<org.springframework.security.web.access.intercept.RequestAuthorizationContext> manager = AuthorityAuthorizationManager
			.hasRole(access.role.name());
		manager.setRoleHierarchy(hierarchy);
		url.access(manager);
	}

	/** admin includes operator includes viewer, in the order of {@link Role}. */
	@Bean
	static RoleHierarchy roleHierarchy() {
		Role[] roles = Role.values();
		RoleHierarchyImpl.Builder builder = RoleHierarchyImpl.withDefaultRolePrefix();
		for (int i = roles.length - 1; i > 0; i--) {
			builder.role(roles[i].name()).implies(roles[i - 1].name());
		}
		return builder.build();
	}

	/**
	 * A JWT (three dot-separated parts) goes to the identity provider when one is set;
	 * every other token to the product's own tokens. With no provider a JWT is just an
	 * unknown token.
	 */
	@Bean
	AuthenticationManagerResolver<HttpServletRequest> bearerTokenManagers(AuthProperties properties, ApiTokens tokens) {
		AuthenticationManager product = new ProviderManager(new OpaqueTokenAuthenticationProvider(
				new ProductTokenIntrospector(tokens, properties.serviceAccount())));
		AuthenticationManager people;
		if (properties.jwt().enabled()) {
			JwtAuthenticationProvider provider = new JwtAuthenticationProvider(JwtPeople.decoder(properties.jwt()));
			provider.setJwtAuthenticationConverter(new JwtPeople(properties.jwt()));
			people = new ProviderManager(provider);
		}
		else {
			people = product;
		}
		DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
		return request -> {
			String token = resolver.resolve(request);
			if (token == null) {
				return authentication -> {
					throw new InvalidBearerTokenException("no bearer token");
				};
			}
			return looksLikeJwt(token) ? people : product;
		};
	}

	static boolean looksLikeJwt(String token) {
		return token.chars().filter(c -> c == '.').count() == 2 && Arrays.stream(token.split("\\."))
			.allMatch(part -> !part.isEmpty()
					&& part.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_'));
	}

}
