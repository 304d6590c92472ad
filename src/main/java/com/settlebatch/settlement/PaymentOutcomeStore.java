package com.settlebatch.settlement;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.batches.PaymentStatus;
import com.settlebatch.gateway.CallOutcome;

/**
 * Writes a payment's final status and gateway result. Only a PENDING payment changes, so the
 * repeated writes of a retried or scanned chunk are harmless.
 */
class PaymentOutcomeStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate ownTransaction;

	PaymentOutcomeStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Records, before anything is sent, when each payment was first sent, and returns those times.
	 * Committed on its own: a chunk that rolls back (or a killed process) must not forget that a
	 * key may have reached the gateway, because after the key's validity window a blind resend
	 * could charge twice. Only never-sent payments are touched, and the chunk's transaction has not
	 * changed those rows, so the two transactions never wait on each other.
	 */
	Map<String, OffsetDateTime> stampFirstSent(List<String> paymentIds) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return ownTransaction.execute(status -> {
			jdbc.sql("UPDATE payment SET first_sent_at = :now WHERE id IN (:ids) AND first_sent_at IS NULL")
				.param("now", now)
				.param("ids", paymentIds)
				.update();
			Map<String, OffsetDateTime> firstSent = new HashMap<>();
			jdbc.sql("SELECT id, first_sent_at FROM payment WHERE id IN (:ids)")
				.param("ids", paymentIds)
				.query(rs -> {
					firstSent.put(rs.getString("id"), rs.getObject("first_sent_at", OffsetDateTime.class));
				});
			return firstSent;
		});
	}

	void save(ChunkOutcomes.Tracked tracked, PaymentStatus status) {
		CallOutcome outcome = tracked.last();
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("UPDATE payment SET status = ?, attempts = attempts + ?, gateway_id = ?, http_status = ?, "
				+ "error_code = ?, error_message = ?, correlation_id = ?, settled_at = ?, "
				+ "first_sent_at = COALESCE(first_sent_at, ?), updated_at = ? WHERE id = ? AND status = 'PENDING'")
			// Whatever the gateway sends is cut to its column: an over-long value must not fail the chunk forever.
			.params(status.name(), tracked.attempts(), clip(outcome.gatewayId(), 64), outcome.httpStatus(),
					clip(outcome.errorCode(), 64), clip(outcome.errorMessage(), 500), clip(outcome.correlationId(), 100),
					status == PaymentStatus.SETTLED ? now : null, now, now, outcome.paymentId())
			.update();
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
