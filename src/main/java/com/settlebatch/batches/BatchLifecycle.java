package com.settlebatch.batches;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.settlebatch.audit.AuditedChanges;

/**
 * Hand-driven lifecycle changes (submit, cancel), checked against
 * {@link BatchStatus#canMoveTo}. Each is one transaction with its audit row, whoever asks
 * (the API, the dashboard, the CLI), and a refused one leaves a REFUSED row.
 */
@Service
public class BatchLifecycle {

	private final JdbcClient jdbc;

	private final BatchRepository repository;

	private final PaymentRepository payments;

	private final AuditedChanges changes;

	BatchLifecycle(JdbcClient jdbc, BatchRepository repository, PaymentRepository payments, AuditedChanges changes) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.payments = payments;
		this.changes = changes;
	}

	public void submit(String batchId) {
		changes.run("batch.submit", "batch " + batchId, () -> submitLocked(batchId));
	}

	private void submitLocked(String batchId) {
		BatchStatus current = lockStatus(batchId);
		require(batchId, current, BatchStatus.SUBMITTED);
		// A settlement run would claim it and close it at once with nothing settled,
		// using up a batchnum.
		long payments = jdbc.sql("SELECT COUNT(*) FROM payment WHERE batch_id = ?")
			.param(batchId)
			.query(Long.class)
			.single();
		if (payments == 0) {
			throw IllegalBatchTransitionException.emptyBatch(batchId);
		}
		repository.submit(batchId);
	}

	/** Cancels the batch and every payment still waiting in it. */
	public void cancel(String batchId) {
		changes.run("batch.cancel", "batch " + batchId, () -> {
			BatchStatus current = lockStatus(batchId);
			require(batchId, current, BatchStatus.CANCELLED);
			repository.cancel(batchId, payments.cancelWaiting(batchId));
		});
	}

	/**
	 * Locks the row so that a concurrent settlement claim cannot slip between the check
	 * and the change.
	 */
	private BatchStatus lockStatus(String batchId) {
		return repository.lockStatus(batchId).orElseThrow(() -> new BatchNotFoundException(batchId));
	}

	private static void require(String batchId, BatchStatus current, BatchStatus next) {
		if (!current.canMoveTo(next)) {
			throw new IllegalBatchTransitionException(batchId, current, next);
		}
	}

}
