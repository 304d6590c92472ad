package com.settlebatch.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.settlebatch.audit.Audit;

/**
 * {@code GET /me}: who the token signs in and what they may do, by the same rule table
 * the filter chain enforces; the dashboard shows only the actions listed.
 */
@RestController
@Tag(name = "me", description = "Who is signed in and what they may do")
class MeController {

	/** The dashboard's actions, each by the request it makes. */
	private static final Map<String, String[]> ACTIONS = actions();

	private final Audit audit;

	MeController(Audit audit) {
		this.audit = audit;
	}

	private static Map<String, String[]> actions() {
		Map<String, String[]> actions = new LinkedHashMap<>();
		actions.put("read", new String[] { "GET", "/batches" });
		actions.put("restart", new String[] { "POST", "/executions/{id}/restart" });
		actions.put("stop", new String[] { "POST", "/executions/{id}/stop" });
		actions.put("submit", new String[] { "POST", "/batches/{id}/submit" });
		actions.put("cancel", new String[] { "POST", "/batches/{id}/cancel" });
		actions.put("audit", new String[] { "GET", "/audit" });
		actions.put("tokens", new String[] { "POST", "/tokens" });
		return actions;
	}

	/**
	 * @param kind PERSON or SERVICE
	 * @param actions what the dashboard may offer: read, restart, stop, submit, cancel,
	 * audit, tokens
	 */
	record Me(String user, @Schema(nullable = true) String role, String kind, List<String> actions) {
	}

	@GetMapping("/me")
	@Operation(operationId = "signedInPerson",
			summary = "Who the bearer token signs in, their role and what they may do")
	@ApiResponse(responseCode = "200", description = "the signed-in person")
	Me me(Authentication authentication) {
		Role role = authentication.getAuthorities()
			.stream()
			.map(authority -> Role.ofAuthority(authority.getAuthority()))
			.filter(java.util.Objects::nonNull)
			.max(Role::compareTo)
			.orElse(null);
		List<String> allowed = role == null ? List.of() : ACTIONS.entrySet()
			.stream()
			.filter(action -> AccessRules.allows(role, HttpMethod.valueOf(action.getValue()[0]), action.getValue()[1]))
			.map(Map.Entry::getKey)
			.toList();
		return new Me(authentication.getName(), role == null ? null : role.word(), audit.current().kind(), allowed);
	}

}
