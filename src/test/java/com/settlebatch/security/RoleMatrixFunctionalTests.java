package com.settlebatch.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The role matrix over every endpoint the application maps, read from Spring MVC itself:
 * an endpoint added later is in this test the day it is written, and fails it if no rule
 * covers it. Each request carries a real person's token through the real filter chain.
 */
class RoleMatrixFunctionalTests extends SecurityTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Endpoint(HttpMethod method, String pattern) {

		String samplePath() {
			return pattern.replaceAll("\\{[^}]+}", "0").replace("/**", "");
		}

	}

	@Test
	void everyEndpointIsCoveredByARuleOfTheTable() {
		List<Endpoint> endpoints = endpoints();

		assertThat(endpoints).extracting(Endpoint::pattern)
			.contains("/batches", "/executions/{id}/restart", "/me", "/tokens", "/audit");
		assertThat(endpoints)
			.allSatisfy(endpoint -> assertThat(AccessRules.required(endpoint.method(), endpoint.pattern()))
				.as("%s %s", endpoint.method(), endpoint.pattern())
				.isPresent());
	}

	@Test
	void eachRoleReachesExactlyWhatTheRuleTableAllowsAndNobodyWithoutAToken() throws Exception {
		// given one person of each role, signed in with their own token
		Map<Role, String> tokens = Map.of(Role.VIEWER, person("vera", "viewer"), Role.OPERATOR,
				person("olivia", "operator"), Role.ADMIN, person("ada", "admin"));
		List<String> wrong = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			AccessRules.Access access = AccessRules.required(endpoint.method(), endpoint.pattern()).orElseThrow();
			if (access == AccessRules.Access.PUBLIC) {
				continue;
			}
			// when nobody, then each of them, calls it
			int anonymous = status(endpoint, null);
			if (anonymous != 401) {
				wrong.add(endpoint + " without a token: " + anonymous);
			}
			for (Role role : Role.values()) {
				int status = status(endpoint, tokens.get(role));
				boolean allowed = role.includes(access.role);
				// then a role below the rule's is refused with 403, one at or above it
				// gets past the chain (whatever the endpoint then makes of the request)
				if (allowed ? status == 401 || status == 403 : status != 403) {
					wrong.add(endpoint + " as " + role.word() + ": " + status);
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void theRolesIncludeEachOtherInOrder() {
		assertThat(AccessRules.allows(Role.ADMIN, HttpMethod.POST, "/executions/{id}/restart")).isTrue();
		assertThat(AccessRules.allows(Role.OPERATOR, HttpMethod.GET, "/batches")).isTrue();
		assertThat(AccessRules.allows(Role.OPERATOR, HttpMethod.GET, "/audit")).isFalse();
		assertThat(AccessRules.allows(Role.VIEWER, HttpMethod.DELETE, "/payments/{id}")).isFalse();
		// and a method no rule names is denied to everybody
		assertThat(AccessRules.required(HttpMethod.TRACE, "/batches")).isEmpty();
	}

	private int status(Endpoint endpoint, String token) throws Exception {
		var request = request(endpoint.method(), endpoint.samplePath());
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			Set<RequestMethod> tried = methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods;
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : tried) {
					endpoints.add(new Endpoint(method.asHttpMethod(), pattern));
				}
			}
		}
		return endpoints;
	}

}
