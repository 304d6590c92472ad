package com.settlebatch.audit;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One row of the audit trail, as {@code settle audit --json} and {@code GET /audit} give
 * it.
 */
public record AuditEvent(long id, OffsetDateTime at, String actor, String actorKind,
		@Schema(nullable = true) String role, String action, @Schema(nullable = true) String target, Outcome outcome,
		Origin origin, @Schema(nullable = true) String host, @Schema(nullable = true) String correlationId,
		@Schema(nullable = true) String detail) {
}
