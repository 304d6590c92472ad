package com.settlebatch.batches;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes finished batches: CLOSED, the merchant's next batchnum, the closed timestamp and
 * the totals ({@link BatchRepository#closeAll}), in the caller's transaction so that
 * either all of it happens or none. Owns the per-merchant batchnum counter.
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

	/*
	 * Each batch's payments counted through the index on its batch id, one batch at a
	 * time: a lateral subquery can only be run once per id. Asked as batch_id = ANY(..),
	 * PostgreSQL without statistics (the night of a big import) scanned the whole payment
	 * table for every chunk of batches, a cost that grows with the table.
	 */
	private static final String TALLIES_POSTGRES = """
			SELECT k.batch_id, t.status, t.currency, t.n, t.total
			FROM unnest(:ids) AS k(batch_id)
			CROSS JOIN LATERAL (SELECT status, currency, COUNT(*) AS n, SUM(amount) AS total FROM payment
			                    WHERE payment.batch_id = k.batch_id GROUP BY status, currency) t
			ORDER BY k.batch_id, t.currency""";

	/* H2 probes the index for each element of = ANY (its EXPLAIN: BATCH_ID IN(...)). */
	private static final String TALLIES_H2 = """
			SELECT batch_id, status, currency, COUNT(*) AS n, SUM(amount) AS total FROM payment
			WHERE batch_id = ANY(:ids) GROUP BY batch_id, status, currency ORDER BY batch_id, currency""";

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
	 * Closes the batches in the order given, numbering each merchant's in that order.
	 * Set-wise, so that a night of a hundred thousand small batches closes at the cost of
	 * its chunks: one query for the batches' merchants, one for their payments' counts,
	 * two statements per merchant for the counter, one batch of updates.
	 * @return the batchnum given to each batch, in the order given
	 */
	public Map<String, Long> closeAll(List<String> batchIds) {
		if (batchIds.isEmpty()) {
			return Map.of();
		}
		Map<String, String> merchants = processingMerchants(batchIds);
		Map<String, Tally> tallies = tallies(batchIds);
		Map<String, Integer> perMerchant = new TreeMap<>();
		for (String batchId : batchIds) {
			String merchant = merchants.get(batchId);
			if (merchant == null) {
				throw new IllegalStateException("batch " + batchId + " is not PROCESSING; not closed");
			}
			if (tallies.get(batchId).counts().getOrDefault(PaymentStatus.PENDING, 0) > 0) {
				throw new IllegalStateException("batch " + batchId + " still has PENDING payments; not closed");
			}
			perMerchant.merge(merchant, 1, Integer::sum);
		}
		Map<String, Long> next = takeBatchnums(perMerchant);
		Map<String, Long> batchnums = new LinkedHashMap<>();
		List<Closing> closings = new ArrayList<>(batchIds.size());
		for (String batchId : batchIds) {
			long batchnum = next.merge(merchants.get(batchId), 1L, Long::sum) - 1;
			batchnums.put(batchId, batchnum);
			Tally tally = tallies.get(batchId);
			closings.add(new Closing(batchId, batchnum, tally.counts(), tally.settled()));
		}
		List<String> changed = repository.closeAll(closings);
		if (!changed.isEmpty()) {
			// Rolling back returns the batchnums: no gap.
			throw new IllegalStateException("batch " + changed.get(0) + " changed while closing; not closed");
		}
		closings.forEach(closing -> logClosed(closing, merchants.get(closing.batchId())));
		return batchnums;
	}

	private Map<String, String> processingMerchants(List<String> batchIds) {
		Map<String, String> merchants = new HashMap<>();
		jdbc.sql("SELECT id, merchant_id FROM payment_batch WHERE id = ANY(:ids) AND status = :processing")
			.param("ids", SqlValues.varchars(batchIds))
			.param("processing", BatchStatus.PROCESSING.name())
			.query(rs -> {
				merchants.put(rs.getString("id"), rs.getString("merchant_id"));
			});
		return merchants;
	}

	/** The batches' payments counted by status, and what settled summed per currency. */
	private Map<String, Tally> tallies(List<String> batchIds) {
		Map<String, Tally> tallies = new HashMap<>();
		batchIds.forEach(batchId -> tallies.put(batchId, new Tally()));
		jdbc.sql(repository.isPostgres() ? TALLIES_POSTGRES : TALLIES_H2)
			.param("ids", SqlValues.varchars(batchIds))
			.query(rs -> {
				Tally tally = tallies.get(rs.getString("batch_id"));
				PaymentStatus status = PaymentStatus.valueOf(rs.getString("status"));
				tally.counts().merge(status, rs.getInt("n"), Integer::sum);
				if (status == PaymentStatus.SETTLED) {
					tally.settled()
						.put(rs.getString("currency"),
								new Closing.CurrencyTotal(rs.getInt("n"), rs.getBigDecimal("total")));
				}
			});
		return tallies;
	}

	/**
	 * Takes as many numbers as each merchant closes, merchants in name order so that two
	 * runs closing batches of the same merchants lock their counters in the same order
	 * and never deadlock. The UPDATE holds each counter's row lock until the closing
	 * transaction ends.
	 * @return each merchant's first number taken
	 */
	private Map<String, Long> takeBatchnums(Map<String, Integer> perMerchant) {
		ensureCounters(perMerchant.keySet());
		Map<String, Long> first = new HashMap<>();
		perMerchant.forEach((merchant, count) -> {
			jdbc.sql("UPDATE merchant_batch_counter SET last_batchnum = last_batchnum + ? WHERE merchant_id = ?")
				.params(count, merchant)
				.update();
			long last = jdbc.sql("SELECT last_batchnum FROM merchant_batch_counter WHERE merchant_id = ?")
				.param(merchant)
				.query(Long.class)
				.single();
			first.put(merchant, last - count + 1);
		});
		return first;
	}

	private void logClosed(Closing closing, String merchant) {
		Map<PaymentStatus, Integer> counts = closing.counts();
		log.info("batch closed: id={} merchant={} batchnum={} settled={} declined={} failed={} skipped={}",
				closing.batchId(), merchant, closing.batchnum(), counts.getOrDefault(PaymentStatus.SETTLED, 0),
				counts.getOrDefault(PaymentStatus.DECLINED, 0), counts.getOrDefault(PaymentStatus.FAILED, 0),
				counts.getOrDefault(PaymentStatus.SKIPPED, 0));
	}

	/**
	 * One query for the merchants' counter rows; a merchant without one (its first close)
	 * gets it made.
	 */
	private void ensureCounters(Set<String> merchantIds) {
		Set<String> existing = new HashSet<>(
				jdbc.sql("SELECT merchant_id FROM merchant_batch_counter WHERE merchant_id = ANY(:ids)")
					.param("ids", SqlValues.varchars(merchantIds))
					.query(String.class)
					.list());
		merchantIds.stream().filter(merchant -> !existing.contains(merchant)).forEach(this::ensureCounter);
	}

	/** A batch's payments counted by status and its settled totals per currency. */
	private record Tally(Map<PaymentStatus, Integer> counts, Map<String, Closing.CurrencyTotal> settled) {

		Tally() {
			this(new EnumMap<>(PaymentStatus.class), new LinkedHashMap<>());
		}

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
