package com.settlebatch.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.settlebatch.audit.Audit;

/** {@code /tokens}: what {@code settle token} does, for admins over HTTP. */
@RestController
@Tag(name = "tokens", description = "People's API tokens; admin only")
class TokenController {

	private final ApiTokens tokens;

	private final Audit audit;

	TokenController(ApiTokens tokens, Audit audit) {
		this.tokens = tokens;
		this.audit = audit;
	}

	/**
	 * @param expires 90d, 12h or never; 90 days when absent
	 */
	record TokenRequest(String user, String role, String expires) {
	}

	@GetMapping("/tokens")
	@Operation(operationId = "listTokens", summary = "Every token, without its secret")
	@ApiResponse(responseCode = "200", description = "the tokens")
	List<ApiTokens.TokenInfo> list() {
		return tokens.list();
	}

	@PostMapping("/tokens")
	@Operation(operationId = "createToken",
			summary = "A new token for a person; the answer is the only time it is shown")
	@ApiResponse(responseCode = "201", description = "the token")
	@ApiResponse(responseCode = "400", description = "no valid user, role or expiry")
	ResponseEntity<ApiTokens.NewToken> create(@RequestBody TokenRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(tokens.create(request.user(), request.role(), request.expires(), audit.current()));
	}

	@DeleteMapping("/tokens/{id}")
	@Operation(operationId = "revokeToken", summary = "Revoke a token: it signs nobody in from now on")
	@ApiResponse(responseCode = "204", description = "revoked")
	@ApiResponse(responseCode = "404", description = "no active token with this id")
	ResponseEntity<Void> revoke(@PathVariable String id) {
		tokens.revoke(id, audit.current());
		return ResponseEntity.noContent().build();
	}

}
