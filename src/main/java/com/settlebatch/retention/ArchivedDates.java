package com.settlebatch.retention;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code archived_date}: the dates whose archive is written and
 * verified, and whether their rows are removed yet. A date is removed only from here, so
 * a restarted run finishes the removal it began without writing the archive again.
 */
@Repository
public class ArchivedDates {

	private final JdbcClient jdbc;

	ArchivedDates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(LocalDate date, String manifestSha256, Manifest manifest, long executionId, OffsetDateTime now) {
		jdbc.sql("""
				INSERT INTO archived_date (business_date, manifest_sha256, batches, payments, job_execution_id,
				                           archived_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(date, manifestSha256, manifest.rows(ArchivedTable.PAYMENT_BATCH),
					manifest.rows(ArchivedTable.PAYMENT), executionId, now)
			.update();
	}

	/**
	 * Whether the date is archived: its rows are in its archive, and go (or went) from
	 * the database.
	 */
	public boolean contains(LocalDate businessDate) {
		return jdbc.sql("SELECT COUNT(*) FROM archived_date WHERE business_date = ?")
			.param(businessDate)
			.query(Long.class)
			.single() > 0;
	}

	/** The oldest archived date whose rows are still to be removed. */
	Optional<LocalDate> nextToRemove() {
		return jdbc.sql("""
				SELECT MIN(business_date) FROM archived_date WHERE removed_at IS NULL""")
			.query(LocalDate.class)
			.optional();
	}

	long toRemove() {
		return jdbc.sql("SELECT COUNT(*) FROM archived_date WHERE removed_at IS NULL").query(Long.class).single();
	}

	void removed(LocalDate date, OffsetDateTime now) {
		jdbc.sql("UPDATE archived_date SET removed_at = ? WHERE business_date = ?").params(now, date).update();
	}

}
