package com.settlebatch.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.PaymentRepository;

/**
 * Removes the rows of the archived dates, a bounded slice per transaction: the payments
 * of the next batches in id order (at most rows-per-transaction), then those batches and
 * their totals, then the rejects of import files no batch refers to any more, then what
 * other packages archived with the date ({@link RetentionPurge}). Each slice is a commit
 * of its own, so tonight's import never waits on a month's delete, and a restart carries
 * on where the failed run stopped. The import files' own records stay: their SHA-256
 * keeps a file from being imported (and settled) twice however old it is.
 */
class RemoveArchivedTasklet implements Tasklet {

	/** Batches per slice: their payments go in slices of rows-per-transaction. */
	private static final int BATCHES_PER_SLICE = 1000;

	private final ArchivedDates archivedDates;

	private final ArchiveReader reader;

	private final BatchRepository batches;

	private final PaymentRepository payments;

	private final ArchiveTables tables;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int rowsPerTransaction;

	/** The date whose archive this step has verified again before removing from it. */
	private LocalDate verified;

	RemoveArchivedTasklet(ArchivedDates archivedDates, ArchiveReader reader, BatchRepository batches,
			PaymentRepository payments, ArchiveTables tables, JdbcClient jdbc, Clock clock, int rowsPerTransaction) {
		this.archivedDates = archivedDates;
		this.reader = reader;
		this.batches = batches;
		this.payments = payments;
		this.tables = tables;
		this.jdbc = jdbc;
		this.clock = clock;
		this.rowsPerTransaction = rowsPerTransaction;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		Optional<LocalDate> next = archivedDates.nextToRemove();
		if (next.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		LocalDate date = next.get();
		if (!date.equals(verified)) {
			reader.verified(date);
			verified = date;
		}
		int removed = removeSlice(date);
		if (removed == 0) {
			archivedDates.removed(date, OffsetDateTime.now(clock));
		}
		contribution.incrementWriteCount(removed);
		return RepeatStatus.CONTINUABLE;
	}

	private int removeSlice(LocalDate date) {
		List<String> batchIds = jdbc.sql("""
				SELECT id FROM payment_batch WHERE status = 'CLOSED' AND business_date = ?
				ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(BATCHES_PER_SLICE))
			.param(date)
			.query(String.class)
			.list();
		if (!batchIds.isEmpty()) {
			int removed = payments.removeArchivedPayments(batchIds, rowsPerTransaction);
			return removed > 0 ? removed : batches.removeArchivedBatches(batchIds);
		}
		Manifest manifest = reader.manifest(date);
		int rejects = manifest.importFileIds().isEmpty() ? 0 : removeRejects(manifest.importFileIds());
		return rejects > 0 ? rejects : removeOtherPackagesRows(date, manifest);
	}

	/**
	 * Other packages' rows of the date, once its archive holds their tables: an archive
	 * written before a package added its tables leaves that package's rows in place.
	 */
	private int removeOtherPackagesRows(LocalDate date, Manifest manifest) {
		for (RetentionPurge purge : tables.purges()) {
			boolean archived = purge.archivedWithDate()
				.stream()
				.allMatch(table -> manifest.file(table.table()).isPresent());
			int removed = archived ? purge.removeArchived(date, rowsPerTransaction) : 0;
			if (removed > 0) {
				return removed;
			}
		}
		return 0;
	}

	private int removeRejects(List<Long> files) {
		return jdbc.sql("""
				DELETE FROM import_reject WHERE id IN (
				    SELECT r.id FROM import_reject r
				    WHERE r.import_file_id IN (:files)
				      AND NOT EXISTS (SELECT 1 FROM payment_batch b WHERE b.import_file_id = r.import_file_id)
				    FETCH FIRST %d ROWS ONLY)""".formatted(rowsPerTransaction)).param("files", files).update();
	}

}
