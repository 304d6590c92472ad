package com.settlebatch.audit;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /audit}: the trail, for admins (the security chain's rule table says so).
 */
@RestController
@Tag(name = "audit", description = "Who did what, when, from where, with what outcome")
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/audit")
	@Operation(operationId = "listAuditEvents", summary = "The audit trail, newest first")
	@ApiResponse(responseCode = "200", description = "the events")
	@ApiResponse(responseCode = "400", description = "since is not a date, a time or an age")
	List<AuditEvent> list(
			@Parameter(description = "a date, a time with its offset, or an age (30m, 24h, 7d)") @RequestParam(
					required = false) String since,
			@Parameter(description = "one actor only") @RequestParam(required = false) String user,
			@Parameter(description = "at most this many (1 to 1000)") @RequestParam(defaultValue = "100") int limit) {
		return log.list(log.since(since), user == null || user.isBlank() ? null : user, limit);
	}

}
