package com.settlebatch.batches;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes a finished batch: CLOSED, the merchant's next batchnum, the closed timestamp and
 * the totals ({@link BatchRepository#close}), in the caller's transaction so that either
 * all of it happens or none. Owns the per-merchant batchnum counter.
 *
 * <p>
 * Gap-free numbering: the counter row is incremented with an UPDATE, which holds the row
 * lock until the closing transaction ends, so concurrent closers for one merchant queue
 * up and a rolled-back close gives its number back. The unique constraint on
 * (merchant_id, batchnum) is the second guard.
 */
@Component
public class BatchCloser {

	private static final Logger log = LoggerFactory.getLogger(BatchCloser.class);

	private final JdbcClient jdbc;

	private final BatchRepository repository;

	private final TransactionTemplate newTransaction;

	BatchCloser(JdbcClient jdbc, BatchRepository repository, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * @return the batchnum given to the batch
	 */
	public long close(String batchId) {
		String merchant = jdbc.sql("SELECT merchant_id FROM payment_batch WHERE id = ? AND status = ?")
			.params(batchId, BatchStatus.PROCESSING.name())
			.query(String.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("batch " + batchId + " is not PROCESSING; not closed"));
		Map<PaymentStatus, Integer> counts = new EnumMap<>(PaymentStatus.class);
		Map<String, BatchRepository.CurrencyTotal> settled = new LinkedHashMap<>();
		jdbc.sql("SELECT status, currency, COUNT(*) AS n, SUM(amount) AS total FROM payment WHERE batch_id = ?"
				+ " GROUP BY status, currency ORDER BY currency")
			.param(batchId)
			.query(rs -> {
				PaymentStatus status = PaymentStatus.valueOf(rs.getString("status"));
				counts.merge(status, rs.getInt("n"), Integer::sum);
				if (status == PaymentStatus.SETTLED) {
					settled.put(rs.getString("currency"),
							new BatchRepository.CurrencyTotal(rs.getInt("n"), rs.getBigDecimal("total")));
				}
			});
		if (counts.getOrDefault(PaymentStatus.PENDING, 0) > 0) {
			throw new IllegalStateException("batch " + batchId + " still has PENDING payments; not closed");
		}
		long batchnum = nextBatchnum(merchant);
		if (!repository.close(batchId, batchnum, counts, settled)) {
			// Rolling back returns the batchnum: no gap.
			throw new IllegalStateException("batch " + batchId + " changed while closing; not closed");
		}
		log.info("batch closed: id={} merchant={} batchnum={} settled={} declined={} failed={} skipped={}", batchId,
				merchant, batchnum, counts.getOrDefault(PaymentStatus.SETTLED, 0),
				counts.getOrDefault(PaymentStatus.DECLINED, 0), counts.getOrDefault(PaymentStatus.FAILED, 0),
				counts.getOrDefault(PaymentStatus.SKIPPED, 0));
		return batchnum;
	}

	private long nextBatchnum(String merchant) {
		ensureCounter(merchant);
		jdbc.sql("UPDATE merchant_batch_counter SET last_batchnum = last_batchnum + 1 WHERE merchant_id = ?")
			.param(merchant)
			.update();
		return jdbc.sql("SELECT last_batchnum FROM merchant_batch_counter WHERE merchant_id = ?")
			.param(merchant)
			.query(Long.class)
			.single();
	}

	/**
	 * The merchant's first close creates the counter row in its own transaction: on
	 * PostgreSQL a duplicate-key error would poison the closing transaction, so the race
	 * between two first closes is settled outside it.
	 */
	private void ensureCounter(String merchant) {
		newTransaction.executeWithoutResult(status -> {
			boolean exists = jdbc.sql("SELECT COUNT(*) FROM merchant_batch_counter WHERE merchant_id = ?")
				.param(merchant)
				.query(Integer.class)
				.single() > 0;
			if (!exists) {
				try {
					jdbc.sql("INSERT INTO merchant_batch_counter (merchant_id, last_batchnum) VALUES (?, 0)")
						.param(merchant)
						.update();
				}
				catch (DuplicateKeyException raced) {
					status.setRollbackOnly();
				}
			}
		});
	}

}
