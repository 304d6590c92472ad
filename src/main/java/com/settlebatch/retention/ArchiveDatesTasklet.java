package com.settlebatch.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Archives one due date per transaction: writes its archive (or takes the one a crashed
 * run wrote, if it matches the database), reads it back, checks it against the manifest
 * and the database, and records the date as archived. Nothing is removed here.
 */
class ArchiveDatesTasklet implements Tasklet {

	private final RetentionPlanner planner;

	private final ArchiveWriter writer;

	private final ArchiveReader reader;

	private final ArchivedDates archivedDates;

	private final ArchiveTables tables;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final LocalDateTime asOf;

	private final long executionId;

	ArchiveDatesTasklet(RetentionPlanner planner, ArchiveWriter writer, ArchiveReader reader,
			ArchivedDates archivedDates, ArchiveTables tables, JdbcClient jdbc, Clock clock, LocalDateTime asOf,
			long executionId) {
		this.planner = planner;
		this.writer = writer;
		this.reader = reader;
		this.archivedDates = archivedDates;
		this.tables = tables;
		this.jdbc = jdbc;
		this.clock = clock;
		this.asOf = asOf;
		this.executionId = executionId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		List<LocalDate> due = planner.dueDates(asOf);
		if (due.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		LocalDate date = due.get(0);
		// An archive already there was written by a run that crashed before recording
		// it: it is taken as it is when it matches, never written again differently.
		if (!reader.exists(date)) {
			writer.write(date);
		}
		Manifest manifest = reader.verified(date);
		matchDatabase(date, manifest);
		archivedDates.record(date, manifestSha256(date), manifest, executionId, OffsetDateTime.now(clock));
		contribution.incrementWriteCount(manifest.rows(ArchivedTable.PAYMENT));
		return RepeatStatus.CONTINUABLE;
	}

	private void matchDatabase(LocalDate date, Manifest manifest) {
		for (RetentionPurge.DateRows table : tables.all()) {
			long rows = jdbc.sql(table.count()).param("date", date).query(Long.class).single();
			long archived = manifest.file(table.table()).map(Manifest.FileEntry::rows).orElse(-1L);
			if (rows != archived) {
				throw ArchiveReader.mismatch(date, "the database holds " + rows + " rows of " + table.table()
						+ ", the archive " + (archived < 0 ? "no file of it" : archived));
			}
		}
		Map<String, Manifest.Sum> payments = sums("""
				SELECT p.currency, COUNT(*), SUM(p.amount) FROM payment p
				JOIN payment_batch b ON b.id = p.batch_id
				WHERE b.status = 'CLOSED' AND b.business_date = ?
				GROUP BY p.currency""", date);
		Map<String, Manifest.Sum> settled = sums("""
				SELECT t.currency, SUM(t.settled_count), SUM(t.settled_amount) FROM batch_currency_total t
				JOIN payment_batch b ON b.id = t.batch_id
				WHERE b.status = 'CLOSED' AND b.business_date = ?
				GROUP BY t.currency""", date);
		if (!Totals.same(payments, manifest.payments()) || !Totals.same(settled, manifest.settled())) {
			throw ArchiveReader.mismatch(date, "the database's sums " + payments + " / " + settled
					+ " differ from the archive's " + manifest.payments() + " / " + manifest.settled());
		}
	}

	private Map<String, Manifest.Sum> sums(String sql, LocalDate date) {
		Map<String, Manifest.Sum> sums = new TreeMap<>();
		jdbc.sql(sql).param(date).query(rs -> {
			sums.put(rs.getString(1).strip(), new Manifest.Sum(rs.getLong(2), rs.getBigDecimal(3).toPlainString()));
		});
		return sums;
	}

	private String manifestSha256(LocalDate date) {
		try {
			byte[] manifest = Files.readAllBytes(reader.folder(date).resolve(Manifest.FILE_NAME));
			return HexFormat.of().formatHex(ArchiveWriter.sha256().digest(manifest));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
