package com.settlebatch.settlement;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.batches.PaymentStatus;
import com.settlebatch.gateway.CallOutcome;

/**
 * Writes a payment's final status and gateway result. Only a PENDING payment changes, so the
 * repeated writes of a retried or scanned chunk are harmless.
 */
class PaymentOutcomeStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	PaymentOutcomeStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void save(ChunkOutcomes.Tracked tracked, PaymentStatus status) {
		CallOutcome outcome = tracked.last();
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("UPDATE payment SET status = ?, attempts = attempts + ?, gateway_id = ?, http_status = ?, "
				+ "error_code = ?, error_message = ?, correlation_id = ?, settled_at = ?, "
				+ "first_sent_at = COALESCE(first_sent_at, ?), updated_at = ? WHERE id = ? AND status = 'PENDING'")
			.params(status.name(), tracked.attempts(), outcome.gatewayId(), outcome.httpStatus(), outcome.errorCode(),
					outcome.errorMessage(), outcome.correlationId(), status == PaymentStatus.SETTLED ? now : null, now,
					now, outcome.paymentId())
			.update();
	}

}
