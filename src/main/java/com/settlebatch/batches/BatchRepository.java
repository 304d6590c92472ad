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
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.settlebatch.sql.Databases;
import com.settlebatch.sql.PostgresCopy;

import static com.settlebatch.batches.SqlValues.text;
import static com.settlebatch.batches.SqlValues.varchars;

/**
 * The writes of {@code payment_batch} that move batches through their life, for every
 * entry point alike (file and inbox import, API, settlement, retention). Batch ids are
 * minted here and nowhere else (time-ordered, see {@link TimeOrderedIds}); the payments
 * in the batches are {@link PaymentRepository}'s.
 *
 * <p>
 * Set-wise by design: a chunk's new batches go in as one {@code COPY} on PostgreSQL (one
 * JDBC batch on H2), a chunk of closes as one JDBC batch. Every method joins the caller's
 * transaction unless it says otherwise.
 */
@Repository
public class BatchRepository {

	private static final String BATCH_COLUMNS = "id, external_id, name, merchant_id, status, process_in_sequence, opened, "
			+ "import_file_id";

	/** The batches one statement of an import's submit moves on H2. */
	private static final int SUBMIT_SLICE = 1000;

	private static final String SUBMIT = """
			UPDATE payment_batch SET status = :submitted, submitted = :now,
			       payment_count = (SELECT COUNT(*) FROM payment p WHERE p.batch_id = payment_batch.id)
			""";

	/*
	 * Retention removes a date's rows only once its archive is recorded in archived_date,
	 * and only of CLOSED batches: the guard is in each statement, so no caller can remove
	 * a live batch or an unarchived one by passing its id.
	 */
	static final String ARCHIVED_BATCHES = """
			SELECT b.id FROM payment_batch b
			WHERE b.id = ANY(:ids) AND b.status = 'CLOSED'
			  AND b.business_date IN (SELECT a.business_date FROM archived_date a)""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final TimeOrderedIds ids;

	BatchRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
		this.ids = new TimeOrderedIds(clock);
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
	 * The import is in: its batches become SUBMITTED (queued for settlement) with their
	 * payment count, and those none of whose rows survived are removed, in the caller's
	 * transaction. The count the update makes anyway finds the empty batches: probing
	 * every batch for a payment first cost a second index probe per batch (a file of
	 * 100,000 small batches: 0.3 s). No other batch of the import can be SUBMITTED with
	 * no payment: a batch is submitted by hand only with a payment, and then no payment
	 * can leave it.
	 * @return how many were submitted and how many removed
	 */
	public SubmittedImport submitImported(long importFileId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int updated = isPostgres() ? submitAll(importFileId, now) : submitInSlices(importFileId, now);
		int removed = jdbc.sql("""
				DELETE FROM payment_batch
				WHERE import_file_id = :file AND status = :submitted AND payment_count = 0""")
			.param("file", importFileId)
			.param("submitted", BatchStatus.SUBMITTED.name())
			.update();
		return new SubmittedImport(updated - removed, removed);
	}

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

	/**
	 * DRAFT → SUBMITTED by hand (the caller has locked the batch and checked the move).
	 */
	public void submit(String batchId) {
		jdbc.sql(SUBMIT + "WHERE id = :id")
			.param("submitted", BatchStatus.SUBMITTED.name())
			.param("now", OffsetDateTime.now(clock))
			.param("id", batchId)
			.update();
	}

	/**
	 * Marks the batch (locked by the caller) CANCELLED with the count of its payments
	 * {@link PaymentRepository#cancelWaiting} cancelled.
	 */
	public void cancel(String batchId, int paymentsCancelled) {
		jdbc.sql("UPDATE payment_batch SET status = :cancelled, cancelled_count = :n WHERE id = :id")
			.param("cancelled", BatchStatus.CANCELLED.name())
			.param("n", paymentsCancelled)
			.param("id", batchId)
			.update();
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
	 * PROCESSING → CLOSED with its batchnum, closed time, final counts and settled totals
	 * per currency, for each batch given, in the caller's transaction (with the batchnum
	 * counters' increments): one batch of updates and one of totals, whatever the number
	 * of batches.
	 * @return the batches that were no longer PROCESSING (nothing should be kept then)
	 */
	List<String> closeAll(List<Closing> closings) {
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

	public boolean isPostgres() {
		return Databases.isPostgres(jdbcTemplate.getDataSource());
	}

}
