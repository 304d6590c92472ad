package com.settlebatch.batches;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hand-driven lifecycle changes (submit, cancel), checked against {@link BatchStatus#canMoveTo}. */
@Service
public class BatchLifecycle {

	private final JdbcClient jdbc;

	private final Clock clock;

	BatchLifecycle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public void submit(String batchId) {
		BatchStatus current = lockStatus(batchId);
		require(batchId, current, BatchStatus.SUBMITTED);
		// A settlement run would claim it and close it at once with nothing settled, using up a batchnum.
		long payments = jdbc.sql("SELECT COUNT(*) FROM payment WHERE batch_id = ?").param(batchId).query(Long.class)
			.single();
		if (payments == 0) {
			throw IllegalBatchTransitionException.emptyBatch(batchId);
		}
		jdbc.sql("UPDATE payment_batch SET status = 'SUBMITTED', submitted = ?, "
				+ "payment_count = (SELECT COUNT(*) FROM payment WHERE batch_id = ?) WHERE id = ?")
			.params(OffsetDateTime.now(clock), batchId, batchId)
			.update();
	}

	/** Cancels the batch and every payment still waiting in it. */
	@Transactional
	public void cancel(String batchId) {
		BatchStatus current = lockStatus(batchId);
		require(batchId, current, BatchStatus.CANCELLED);
		OffsetDateTime now = OffsetDateTime.now(clock);
		int cancelled = jdbc
			.sql("UPDATE payment SET status = 'CANCELLED', updated_at = ? WHERE batch_id = ? AND status = 'PENDING'")
			.params(now, batchId)
			.update();
		jdbc.sql("UPDATE payment_batch SET status = 'CANCELLED', cancelled_count = ? WHERE id = ?")
			.params(cancelled, batchId)
			.update();
	}

	/** Locks the row so that a concurrent settlement claim cannot slip between the check and the change. */
	private BatchStatus lockStatus(String batchId) {
		return jdbc.sql("SELECT status FROM payment_batch WHERE id = ? FOR UPDATE")
			.param(batchId)
			.query(String.class)
			.optional()
			.map(BatchStatus::valueOf)
			.orElseThrow(() -> new BatchNotFoundException(batchId));
	}

	private static void require(String batchId, BatchStatus current, BatchStatus next) {
		if (!current.canMoveTo(next)) {
			throw new IllegalBatchTransitionException(batchId, current, next);
		}
	}

}
