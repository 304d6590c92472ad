package com.settlebatch.batches;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.sql.Databases;
import com.settlebatch.sql.PostgresCopy;

/**
 * The writes of {@code payment_batch} and {@code payment} that move batches and payments
 * through their life, for every entry point alike (file and inbox import, API,
 * settlement). Ids and Unique-Keys are minted here and nowhere else (time-ordered, see
 * {@link TimeOrderedIds}).
 *
 * <p>
 * Set-wise by design: a chunk's payments go in as one {@code COPY} on PostgreSQL (one
 * JDBC batch on H2), a chunk's outcomes as one JDBC batch, its first-send stamps as one
 * statement. Every method joins the caller's transaction unless it says otherwise.
 */
@Repository
public class BatchRepository {

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

	private static final String BATCH_COLUMNS = "id, external_id, name, merchant_id, status, process_in_sequence, opened, "
			+ "import_file_id";

	private static final String PAYMENT_COLUMNS = "id, batch_id, seq, reference_id, type, amount, currency, account_id, "
			+ "depends_on, custom_data, unique_key, status, source_line, updated_at";

	/** A batch as the import's cross-row rules need it. */
	public record StoredBatch(String id, String merchantId, String name, Long importFileId) {
	}

	/** A DRAFT batch to create; {@code importFileId} is null for the API's batches. */
	public record NewBatch(String externalId, String name, String merchantId, boolean processInSequence,
			Long importFileId) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final TimeOrderedIds ids;

	private final TransactionTemplate ownTransaction;

	private volatile Boolean postgres;

	BatchRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
		this.ids = new TimeOrderedIds(clock);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Inserts DRAFT batches; returns their new ids, in the order given. PostgreSQL takes
	 * them as one {@code COPY} (a chunk of a file of small batches starts hundreds), H2
	 * as one batch.
	 */
	public List<String> insertDrafts(List<NewBatch> batches) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<String> batchIds = new ArrayList<>(batches.size());
		List<Object[]> rows = new ArrayList<>(batches.size());
		for (NewBatch batch : batches) {
			String id = ids.next();
			batchIds.add(id);
			rows.add(new Object[] { id, text(batch.externalId()), batch.name(), batch.merchantId(),
					BatchStatus.DRAFT.name(), batch.processInSequence(), now,
					new SqlParameterValue(Types.BIGINT, batch.importFileId()) });
		}
		if (rows.isEmpty()) {
			return batchIds;
		}
		if (isPostgres()) {
			PostgresCopy.copyIn(jdbcTemplate, "payment_batch", BATCH_COLUMNS, rows);
		}
		else {
			jdbcTemplate
				.batchUpdate("INSERT INTO payment_batch (" + BATCH_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
		}
		return batchIds;
	}

	/**
	 * On PostgreSQL, lets the current transaction commit without waiting for its WAL to
	 * reach the disk (a bulk load's chunk: about 10 ms a commit here). A chunk is one
	 * transaction with its step execution's position, so a database crash loses both
	 * together and the restarted import reads those rows again; the import's last step
	 * commits as usual, which makes every chunk before it durable.
	 */
	public void commitWithoutWaitingForTheDisk() {
		if (isPostgres()) {
			jdbc.sql("SET LOCAL synchronous_commit = off").update();
		}
	}

	/**
	 * The stored batches among these external ids, by external id: one probe of the
	 * unique index per id, whatever the table holds.
	 */
	public Map<String, StoredBatch> findByExternalIds(Collection<String> externalIds) {
		Map<String, StoredBatch> found = new HashMap<>();
		if (externalIds.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT id, external_id, merchant_id, name, import_file_id FROM payment_batch "
				+ "WHERE external_id = ANY(:ids)")
			.param("ids", varchars(externalIds))
			.query(rs -> {
				found.put(rs.getString("external_id"), new StoredBatch(rs.getString("id"), rs.getString("merchant_id"),
						rs.getString("name"), rs.getObject("import_file_id", Long.class)));
			});
		return found;
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
	 * Locks the batch's row until the transaction ends, so that no submit, claim or
	 * change can slip between the caller's check of the status and its change; empty when
	 * there is no such batch.
	 */
	public Optional<BatchStatus> lockStatus(String batchId) {
		return jdbc.sql("SELECT status FROM payment_batch WHERE id = ? FOR UPDATE")
			.param(batchId)
			.query(String.class)
			.optional()
			.map(BatchStatus::valueOf);
	}

	/**
	 * Changes what is given of a DRAFT batch (locked by the caller); a null name or flag
	 * stays as it is.
	 */
	public void changeDraft(String batchId, String name, boolean externalIdGiven, String externalId,
			Boolean processInSequence) {
		List<String> sets = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (name != null) {
			sets.add("name = ?");
			params.add(name);
		}
		if (externalIdGiven) {
			sets.add("external_id = ?");
			params.add(text(externalId));
		}
		if (processInSequence != null) {
			sets.add("process_in_sequence = ?");
			params.add(processInSequence);
		}
		if (sets.isEmpty()) {
			return;
		}
		params.add(batchId);
		jdbc.sql("UPDATE payment_batch SET " + String.join(", ", sets) + " WHERE id = ?").params(params).update();
	}

	/**
	 * Removes a payment from its DRAFT batch (API), or one the import rejects after
	 * storing it.
	 */
	public void removePayment(String paymentId) {
		jdbc.sql("DELETE FROM payment WHERE id = ?").param(paymentId).update();
	}

	/**
	 * The import is in: its batches become SUBMITTED (queued for settlement) with their
	 * payment count, and those none of whose rows survived are removed, in the caller's
	 * transaction. The count the update makes anyway finds the empty batches: probing
	 * every batch for a payment first cost a second index probe per batch (a file of
	 * 100,000 small batches: 0.3 s). No other batch of the import can be SUBMITTED with
	 * no payment: a batch is submitted by hand only with a payment, and then no payment
	 * can leave it.
	 * @return how many were submitted and how many removed
	 */
	public Submitted submitImported(long importFileId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int updated = isPostgres() ? submitAll(importFileId, now) : submitInSlices(importFileId, now);
		int removed = jdbc.sql("""
				DELETE FROM payment_batch
				WHERE import_file_id = :file AND status = :submitted AND payment_count = 0""")
			.param("file", importFileId)
			.param("submitted", BatchStatus.SUBMITTED.name())
			.update();
		return new Submitted(updated - removed, removed);
	}

	/** The batches one statement of an import's submit moves on H2. */
	private static final int SUBMIT_SLICE = 1000;

	private static final String SUBMIT = """
			UPDATE payment_batch SET status = :submitted, submitted = :now,
			       payment_count = (SELECT COUNT(*) FROM payment p WHERE p.batch_id = payment_batch.id)
			""";

	private int submitAll(long importFileId, OffsetDateTime now) {
		return jdbc.sql(SUBMIT + "WHERE import_file_id = :file AND status = :draft")
			.param("submitted", BatchStatus.SUBMITTED.name())
			.param("now", now)
			.param("file", importFileId)
			.param("draft", BatchStatus.DRAFT.name())
			.update();
	}

	/**
	 * On H2, {@link #SUBMIT_SLICE} batches a statement. H2 holds every row one statement
	 * updates twice (before and after) in the JVM until the statement ends: a file of
	 * 100,000 batches grew the heap, and the resident memory with it, by about 100 MB
	 * (PostgreSQL holds them in its own process, and there one statement is the faster:
	 * 2.5 s against 4.2 s in slices for those 100,000 batches). The slices run in the
	 * caller's one transaction, so the import still submits all of its batches or none.
	 * Each slice is read first: H2 evaluated "id IN (the file's first DRAFT batches)"
	 * anew for every row the update changed, and 100,000 batches had not ended in ten
	 * minutes.
	 */
	private int submitInSlices(long importFileId, OffsetDateTime now) {
		int updated = 0;
		List<String> slice;
		do {
			slice = jdbc
				.sql("SELECT id FROM payment_batch WHERE import_file_id = :file AND status = :draft LIMIT :slice")
				.param("file", importFileId)
				.param("draft", BatchStatus.DRAFT.name())
				.param("slice", SUBMIT_SLICE)
				.query(String.class)
				.list();
			if (!slice.isEmpty()) {
				updated += jdbc.sql(SUBMIT + "WHERE id = ANY(:ids)")
					.param("submitted", BatchStatus.SUBMITTED.name())
					.param("now", now)
					.param("ids", varchars(slice))
					.update();
			}
		}
		while (slice.size() == SUBMIT_SLICE);
		return updated;
	}

	public record Submitted(int submitted, int removedEmpty) {
	}

	/**
	 * DRAFT → SUBMITTED by hand (the caller has locked the batch and checked the move).
	 */
	public void submit(String batchId) {
		jdbc.sql("""
				UPDATE payment_batch SET status = :submitted, submitted = :now,
				       payment_count = (SELECT COUNT(*) FROM payment p WHERE p.batch_id = payment_batch.id)
				WHERE id = :id""")
			.param("submitted", BatchStatus.SUBMITTED.name())
			.param("now", OffsetDateTime.now(clock))
			.param("id", batchId)
			.update();
	}

	/**
	 * Cancels the batch (locked by the caller) and every payment still waiting in it.
	 * @return the payments cancelled
	 */
	public int cancel(String batchId) {
		int cancelled = jdbc
			.sql("UPDATE payment SET status = :cancelled, updated_at = :now WHERE batch_id = :id "
					+ "AND status = :pending")
			.param("cancelled", PaymentStatus.CANCELLED.name())
			.param("now", OffsetDateTime.now(clock))
			.param("id", batchId)
			.param("pending", PaymentStatus.PENDING.name())
			.update();
		jdbc.sql("UPDATE payment_batch SET status = :cancelled, cancelled_count = :n WHERE id = :id")
			.param("cancelled", BatchStatus.CANCELLED.name())
			.param("n", cancelled)
			.param("id", batchId)
			.update();
		return cancelled;
	}

	/**
	 * A settlement run claims every SUBMITTED batch for its business date: PROCESSING,
	 * stamped with the date, so that a restart of the run finds exactly the batches it
	 * owns.
	 */
	public int claim(LocalDate businessDate) {
		return jdbc
			.sql("UPDATE payment_batch SET status = :processing, business_date = :date WHERE status = :submitted")
			.param("processing", BatchStatus.PROCESSING.name())
			.param("date", businessDate)
			.param("submitted", BatchStatus.SUBMITTED.name())
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
	 * PROCESSING → CLOSED with its batchnum, closed time, final counts and settled totals
	 * per currency, for each batch given, in the caller's transaction (with the batchnum
	 * counters' increments): one batch of updates and one of totals, whatever the number
	 * of batches.
	 * @return the batches that were no longer PROCESSING (nothing should be kept then)
	 */
	public List<String> closeAll(List<Closing> closings) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Object[]> updates = new ArrayList<>(closings.size());
		List<Object[]> totals = new ArrayList<>();
		for (Closing closing : closings) {
			Map<PaymentStatus, Integer> counts = closing.counts();
			updates.add(new Object[] { BatchStatus.CLOSED.name(), closing.batchnum(), now,
					counts.values().stream().mapToInt(Integer::intValue).sum(),
					counts.getOrDefault(PaymentStatus.SETTLED, 0), counts.getOrDefault(PaymentStatus.DECLINED, 0),
					counts.getOrDefault(PaymentStatus.FAILED, 0), counts.getOrDefault(PaymentStatus.SKIPPED, 0),
					counts.getOrDefault(PaymentStatus.CANCELLED, 0), closing.batchId(),
					BatchStatus.PROCESSING.name() });
			closing.settled()
				.forEach((currency, total) -> totals
					.add(new Object[] { closing.batchId(), currency, total.count(), total.amount() }));
		}
		int[] updated = jdbcTemplate.batchUpdate("""
				UPDATE payment_batch SET status = ?, batchnum = ?, closed = ?, payment_count = ?, settled_count = ?,
				       declined_count = ?, failed_count = ?, skipped_count = ?, cancelled_count = ?
				WHERE id = ? AND status = ?""", updates);
		List<String> changed = new ArrayList<>();
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] == 0) {
				changed.add(closings.get(i).batchId());
			}
		}
		if (changed.isEmpty() && !totals.isEmpty()) {
			jdbcTemplate.batchUpdate("""
					INSERT INTO batch_currency_total (batch_id, currency, settled_count, settled_amount)
					VALUES (?, ?, ?, ?)""", totals);
		}
		return changed;
	}

	/**
	 * How one batch closes: its number, its payments' counts, what settled per currency.
	 */
	public record Closing(String batchId, long batchnum, Map<PaymentStatus, Integer> counts,
			Map<String, CurrencyTotal> settled) {
	}

	/** What settled in one currency of a batch. */
	public record CurrencyTotal(int count, BigDecimal amount) {
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

	/*
	 * Retention removes a date's rows only once its archive is recorded in archived_date,
	 * and only of CLOSED batches: the guard is in each statement, so no caller can remove
	 * a live batch or an unarchived one by passing its id.
	 */
	private static final String ARCHIVED_BATCHES = """
			SELECT b.id FROM payment_batch b
			WHERE b.id = ANY(:ids) AND b.status = 'CLOSED'
			  AND b.business_date IN (SELECT a.business_date FROM archived_date a)""";

	/**
	 * Deletes at most {@code limit} payments of these archived CLOSED batches, through
	 * the (batch_id, reference_id) index: one bounded transaction of a larger removal.
	 */
	public int removeArchivedPayments(Collection<String> batchIds, int limit) {
		return jdbc
			.sql("""
					DELETE FROM payment WHERE id IN (
					    SELECT id FROM payment WHERE batch_id IN (%s) FETCH FIRST %d ROWS ONLY)"""
				.formatted(ARCHIVED_BATCHES, limit))
			.param("ids", varchars(batchIds))
			.update();
	}

	/**
	 * Deletes these archived CLOSED batches that have no payment left, with their
	 * currency totals; the merchant's batchnum counter stays, so numbers are never
	 * reused.
	 */
	public int removeArchivedBatches(Collection<String> batchIds) {
		String empty = ARCHIVED_BATCHES + " AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.batch_id = b.id)";
		jdbc.sql("DELETE FROM batch_currency_total WHERE batch_id IN (%s)".formatted(empty))
			.param("ids", varchars(batchIds))
			.update();
		return jdbc.sql("DELETE FROM payment_batch WHERE id IN (%s)".formatted(empty))
			.param("ids", varchars(batchIds))
			.update();
	}

	/**
	 * Brings PostgreSQL's planner statistics of the two tables up to date after a bulk
	 * write, so that the next queries (tonight's settlement) are planned on what is
	 * really there rather than on whatever autovacuum last saw. H2 plans from its indexes
	 * alone. {@code payment} is analyzed only while it is small or a tenth of it changed
	 * since its last ANALYZE: on a year of payments ANALYZE reads a sample of 30,000
	 * pages (0.6 s at 730,000 rows, every night) to learn what a night's few per cent did
	 * not change, and autovacuum's own ANALYZE (V20_1: after 10,000 rows and 1%) follows.
	 */
	public void refreshStatistics() {
		if (isPostgres()) {
			jdbc.sql("ANALYZE payment_batch").update();
			if (paymentStatisticsStale()) {
				jdbc.sql("ANALYZE payment").update();
			}
		}
	}

	/** Statistics the server has not counted yet read as stale: the ANALYZE runs. */
	private boolean paymentStatisticsStale() {
		return jdbc.sql("""
				SELECT COUNT(*) FROM pg_stat_user_tables
				WHERE relname = 'payment' AND n_live_tup >= 200000 AND n_mod_since_analyze * 10 < n_live_tup""")
			.query(Long.class)
			.single() == 0;
	}

	public boolean isPostgres() {
		Boolean known = postgres;
		if (known == null) {
			known = Databases.isPostgres(jdbcTemplate.getDataSource());
			postgres = known;
		}
		return known;
	}

	/**
	 * A nullable text parameter with its type: an untyped null makes the JDBC layer ask
	 * the driver for the parameter's type, a round trip per statement on PostgreSQL.
	 */
	private static SqlParameterValue text(String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	/**
	 * A list as one array parameter: {@code = ANY(:ids)} probes the index once per
	 * element with one SQL text whatever the list's length, where {@code IN (:ids)} would
	 * make a statement (and a plan) per length, and a bind parameter per element.
	 */
	static SqlArrayValue varchars(Collection<String> values) {
		return new SqlArrayValue("varchar", values.toArray());
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
