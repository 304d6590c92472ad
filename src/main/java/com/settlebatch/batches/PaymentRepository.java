package com.settlebatch.batches;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.sql.Databases;
import com.settlebatch.sql.PostgresCopy;

import static com.settlebatch.batches.SqlValues.text;
import static com.settlebatch.batches.SqlValues.varchars;

/**
 * The writes of {@code payment}, for every entry point alike (file and inbox import, API,
 * settlement, retention): payments added, removed, cancelled, skipped, stamped as sent
 * and given their gateway answers. Payment ids and Unique-Keys are minted here and
 * nowhere else (time-ordered, see {@link TimeOrderedIds}); the batches they belong to are
 * {@link BatchRepository}'s.
 *
 * <p>
 * Set-wise by design: a chunk's payments go in as one {@code COPY} on PostgreSQL (one
 * JDBC batch on H2), a chunk's outcomes as one JDBC batch, its first-send stamps as one
 * statement. Every method joins the caller's transaction unless it says otherwise.
 */
@Repository
public class PaymentRepository {

	/*
	 * The pairs, unnested side by side, probe the unique index one by one. OFFSET 0 keeps
	 * PostgreSQL from pulling the subquery up into a plain join, which it may plan as a
	 * hash join over a scan of the whole table when it expects many pairs or has no
	 * statistics; a lateral subquery can only be run once per pair.
	 */
	static final String STORED_REFERENCES_POSTGRES = """
			SELECT k.batch_id, k.reference_id, p.source_line
			FROM unnest(:batches, :references) AS k(batch_id, reference_id)
			CROSS JOIN LATERAL (SELECT payment.source_line FROM payment
			                    WHERE payment.batch_id = k.batch_id AND payment.reference_id = k.reference_id
			                    OFFSET 0) p""";

	/*
	 * H2 has no LATERAL; it puts a table function, which has no index, first in a join
	 * and probes an index from it. Left to choose, it takes the foreign key's index on
	 * batch_id alone once the table holds payments, and walks every stored payment of the
	 * batch for each pair (313 ms a chunk at 150,000 interleaved rows, growing with the
	 * file): the query names the unique key's index, whose name H2 makes up (%s).
	 */
	private static final String STORED_REFERENCES_H2 = """
			SELECT k.batch_id, k.reference_id, p.source_line
			FROM UNNEST(:batches, :references) AS k(batch_id, reference_id)
			JOIN payment p USE INDEX (%s) ON p.batch_id = k.batch_id AND p.reference_id = k.reference_id""";

	/** The H2 duplicate check with its index named, made on first use. */
	private volatile String storedReferencesH2;

	private static final String PAYMENT_COLUMNS = "id, batch_id, seq, reference_id, type, amount, currency, account_id, "
			+ "depends_on, custom_data, unique_key, status, source_line, updated_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final TimeOrderedIds ids;

	private final TransactionTemplate ownTransaction;

	PaymentRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
		this.ids = new TimeOrderedIds(clock);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The source lines of the stored payments among exactly these (batch, reference id)
	 * pairs: one probe of the {@code payment_reference_uk} index per pair, so the cost is
	 * the chunk's, not the table's. Not
	 * {@code batch_id IN (..) AND reference_id IN (..)}: that asks for the cross product
	 * of the two lists, which a chunk interleaving thousands of batches turns into
	 * millions of index probes or a scan of the table.
	 */
	public Map<PaymentKey, Long> storedReferences(Collection<PaymentKey> keys) {
		Map<PaymentKey, Long> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		jdbc.sql(storedReferencesSql())
			.param("batches", varchars(keys.stream().map(PaymentKey::batchId).toList()))
			.param("references", varchars(keys.stream().map(PaymentKey::referenceId).toList()))
			.query(rs -> {
				found.put(new PaymentKey(rs.getString("batch_id"), rs.getString("reference_id")),
						rs.getObject("source_line", Long.class));
			});
		return found;
	}

	/** The duplicate check's SQL on this database. */
	String storedReferencesSql() {
		if (isPostgres()) {
			return STORED_REFERENCES_POSTGRES;
		}
		if (storedReferencesH2 == null) {
			String index = jdbc.sql("""
					SELECT INDEX_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
					WHERE CONSTRAINT_NAME = 'PAYMENT_REFERENCE_UK' AND TABLE_SCHEMA = CURRENT_SCHEMA""")
				.query(String.class)
				.single();
			storedReferencesH2 = STORED_REFERENCES_H2.formatted('"' + index + '"');
		}
		return storedReferencesH2;
	}

	/** A payment's natural key: its reference id is unique in its batch. */
	public record PaymentKey(String batchId, String referenceId) {
	}

	/**
	 * Adds PENDING payments to their (DRAFT) batches, minting each one's id and
	 * Unique-Key; returns the ids in the order given. PostgreSQL takes the rows as one
	 * {@code COPY}, H2 as one batch.
	 */
	public List<String> addPayments(List<NewPayment> payments) {
		if (payments.isEmpty()) {
			return List.of();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<String> paymentIds = new ArrayList<>(payments.size());
		List<Object[]> rows = new ArrayList<>(payments.size());
		for (NewPayment payment : payments) {
			String id = ids.next();
			paymentIds.add(id);
			rows.add(new Object[] { id, payment.batchId(), payment.seq(), payment.referenceId(), payment.type(),
					payment.amount(), payment.currency(), payment.accountId(), text(payment.dependsOn()),
					text(payment.customData()), ids.next(), PaymentStatus.PENDING.name(),
					new SqlParameterValue(Types.BIGINT, payment.sourceLine()), now });
		}
		if (isPostgres()) {
			PostgresCopy.copyIn(jdbcTemplate, "payment", PAYMENT_COLUMNS, rows);
		}
		else {
			jdbcTemplate.batchUpdate(
					"INSERT INTO payment (" + PAYMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					rows);
		}
		return paymentIds;
	}

	/**
	 * Removes a payment from its DRAFT batch (API), or one the import rejects after
	 * storing it.
	 */
	public void removePayment(String paymentId) {
		jdbc.sql("DELETE FROM payment WHERE id = ?").param(paymentId).update();
	}

	/**
	 * Cancels every payment still waiting in the batch (locked by the caller).
	 * @return the payments cancelled
	 */
	public int cancelWaiting(String batchId) {
		return jdbc
			.sql("UPDATE payment SET status = :cancelled, updated_at = :now WHERE batch_id = :id "
					+ "AND status = :pending")
			.param("cancelled", PaymentStatus.CANCELLED.name())
			.param("now", OffsetDateTime.now(clock))
			.param("id", batchId)
			.param("pending", PaymentStatus.PENDING.name())
			.update();
	}

	/**
	 * Seed 002: a child is never executed when its parent fails. Every PENDING payment of
	 * the date's batches whose parent ended DECLINED, FAILED, SKIPPED or CANCELLED
	 * becomes SKIPPED with DEPENDENCY_FAILED, repeated until nothing more changes so that
	 * whole chains fall at once.
	 * @return the payments skipped
	 */
	public int skipOrphans(LocalDate businessDate) {
		int total = 0;
		int skipped;
		do {
			skipped = jdbc.sql("""
					UPDATE payment SET status = :skipped, error_code = 'DEPENDENCY_FAILED',
					       error_message = (SELECT 'parent ' || parent.reference_id || ' ended ' || parent.status
					                        FROM payment parent
					                        WHERE parent.batch_id = payment.batch_id
					                          AND parent.reference_id = payment.depends_on),
					       updated_at = :now
					WHERE status = :pending AND depends_on IS NOT NULL
					  AND batch_id IN (SELECT b.id FROM payment_batch b
					                   WHERE b.status = :processing AND b.business_date = :date)
					  AND EXISTS (SELECT 1 FROM payment parent
					              WHERE parent.batch_id = payment.batch_id AND parent.reference_id = payment.depends_on
					                AND parent.status IN (:failed))""")
				.param("skipped", PaymentStatus.SKIPPED.name())
				.param("now", OffsetDateTime.now(clock))
				.param("pending", PaymentStatus.PENDING.name())
				.param("processing", BatchStatus.PROCESSING.name())
				.param("date", businessDate)
				.param("failed",
						List.of(PaymentStatus.DECLINED.name(), PaymentStatus.FAILED.name(),
								PaymentStatus.SKIPPED.name(), PaymentStatus.CANCELLED.name()))
				.update();
			total += skipped;
		}
		while (skipped > 0);
		return total;
	}

	/**
	 * Records, before anything is sent, when each payment was first sent, and returns
	 * those times: now for a payment never sent, its earlier stamp otherwise. One
	 * statement (it rewrites a stamped row with its own stamp: a retry leaves one more
	 * row version), committed on its own: a chunk that rolls back (or a killed process)
	 * must not forget that a key may have reached the gateway, because after the key's
	 * validity window a blind resend could charge twice. Only payments not yet final are
	 * given, which the chunk's transaction has not changed, so the two transactions never
	 * wait on each other.
	 */
	public Map<String, OffsetDateTime> stampFirstSent(List<String> paymentIds) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		String update = "UPDATE payment SET first_sent_at = COALESCE(first_sent_at, :now) WHERE id = ANY(:ids)";
		String sql = isPostgres() ? update + " RETURNING id, first_sent_at"
				: "SELECT id, first_sent_at FROM FINAL TABLE (" + update + ")";
		return ownTransaction.execute(status -> {
			Map<String, OffsetDateTime> firstSent = new HashMap<>();
			jdbc.sql(sql).param("now", now).param("ids", varchars(paymentIds)).query(rs -> {
				firstSent.put(rs.getString("id"), rs.getObject("first_sent_at", OffsetDateTime.class));
			});
			return firstSent;
		});
	}

	/**
	 * Stores final gateway answers (settled, declined, failed) as one JDBC batch in the
	 * caller's transaction (the chunk's). An answer lost with a rolled-back chunk is read
	 * again and resent with its own Unique-Key, which the gateway answers from memory (it
	 * stores 2xx and 4xx answers alike). Only a PENDING payment changes, so the repeated
	 * writes of a retried or scanned chunk are harmless, and a payment read again after a
	 * rollback is no longer PENDING once stored.
	 */
	public void recordOutcomes(List<PaymentOutcome> outcomes) {
		if (!outcomes.isEmpty()) {
			storeOutcomes(outcomes);
		}
	}

	private void storeOutcomes(List<PaymentOutcome> outcomes) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Object[]> rows = new ArrayList<>(outcomes.size());
		for (PaymentOutcome outcome : outcomes) {
			// Whatever the gateway sends is cut to its column: an over-long value must
			// not fail the chunk forever.
			rows.add(new Object[] { outcome.status().name(), outcome.attempts(), text(clip(outcome.gatewayId(), 64)),
					new SqlParameterValue(Types.INTEGER, outcome.httpStatus()), text(clip(outcome.errorCode(), 64)),
					text(clip(outcome.errorMessage(), 500)), text(clip(outcome.correlationId(), 100)),
					new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
							outcome.status() == PaymentStatus.SETTLED ? now : null),
					now, now, outcome.paymentId(), PaymentStatus.PENDING.name() });
		}
		jdbcTemplate.batchUpdate(
				"""
						UPDATE payment SET status = ?, attempts = attempts + ?, gateway_id = ?, http_status = ?, error_code = ?,
						       error_message = ?, correlation_id = ?, settled_at = ?, first_sent_at = COALESCE(first_sent_at, ?),
						       updated_at = ?
						WHERE id = ? AND status = ?""",
				rows);
	}

	/**
	 * Deletes at most {@code limit} payments of these archived CLOSED batches, through
	 * the (batch_id, reference_id) index: one bounded transaction of a larger removal.
	 */
	public int removeArchivedPayments(Collection<String> batchIds, int limit) {
		return jdbc
			.sql("""
					DELETE FROM payment WHERE id IN (
					    SELECT id FROM payment WHERE batch_id IN (%s) FETCH FIRST %d ROWS ONLY)"""
				.formatted(BatchRepository.ARCHIVED_BATCHES, limit))
			.param("ids", varchars(batchIds))
			.update();
	}

	private boolean isPostgres() {
		return Databases.isPostgres(jdbcTemplate.getDataSource());
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
