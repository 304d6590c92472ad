package com.settlebatch.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the one rule table that the filter chain enforces, the OpenAPI
 * document states per operation and {@code GET /me} turns into the dashboard's buttons.
 * The first rule matching a request decides; a request no rule matches is denied. Rules
 * go by HTTP method rather than by endpoint, so an endpoint added later is covered the
 * day it is written: reading needs a viewer, changing an operator.
 */
final class AccessRules {

	/** Who a rule lets in: anybody, or a role and every role above it. */
	enum Access {

		PUBLIC(null), VIEWER(Role.VIEWER), OPERATOR(Role.OPERATOR), ADMIN(Role.ADMIN);

		final Role role;

		Access(Role role) {
			this.role = role;
		}

		/** The extension value of the OpenAPI document: a role word, or none. */
		String word() {
			return role == null ? "none" : role.word();
		}

	}

	record Rule(Set<HttpMethod> methods, List<String> patterns, Access access) {

		/** Any method when {@code methods} is empty. */
		boolean matches(HttpMethod method, String path) {
			if (!methods.isEmpty() && !methods.contains(method)) {
				return false;
			}
			PathContainer container = PathContainer.parsePath(path);
			return patterns.stream().map(PathPatternParser.defaultInstance::parse).anyMatch(p -> p.matches(container));
		}

	}

	private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final Set<HttpMethod> CHANGE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	static final List<Rule> RULES = List.of(
			// The health check, for load balancers and monitors that hold no token.
			new Rule(READ, List.of("/actuator/health", "/actuator/health/**"), Access.PUBLIC),
			// The API's description and Swagger UI: they hold none of its data.
			new Rule(READ,
					List.of("/openapi", "/openapi.yaml", "/openapi/swagger-config", "/swagger-ui.html",
							"/swagger-ui/**"),
					Access.PUBLIC),
			// The dashboard's page and assets; the page asks for a token for its data.
			new Rule(READ, List.of("/", "/ui", "/ui/", "/ui/{asset:[A-Za-z0-9_-]+\\.(?:html|js|css)}"), Access.PUBLIC),
			// Spring's error page, reached only by an error dispatch of another request.
			new Rule(Set.of(), List.of("/error"), Access.PUBLIC),
			new Rule(Set.of(), List.of("/tokens", "/tokens/**", "/audit", "/audit/**"), Access.ADMIN),
			new Rule(READ, List.of("/**"), Access.VIEWER), new Rule(CHANGE, List.of("/**"), Access.OPERATOR));

	private AccessRules() {
	}

	/**
	 * What a request needs, by the same rules as the filter chain; empty when it is
	 * denied to everybody. {@code path} may be a template ({@code /batches/{id}}).
	 */
	static Optional<Access> required(HttpMethod method, String path) {
		return RULES.stream().filter(rule -> rule.matches(method, path)).map(Rule::access).findFirst();
	}

	static boolean allows(Role role, HttpMethod method, String path) {
		return required(method, path).map(access -> access.role == null || role.includes(access.role)).orElse(false);
	}

}
