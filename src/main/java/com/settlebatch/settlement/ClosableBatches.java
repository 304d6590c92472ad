package com.settlebatch.settlement;

import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;

/**
 * The closeBatches step's reader: the date's batches with nothing left PENDING, in the
 * order they get their batchnums.
 */
final class ClosableBatches {

	/**
	 * Opened first, then by external id (none first), so that two runs of the same input
	 * number a merchant's batches alike; the id, random, only breaks what is left of a
	 * tie. OFFSET keeps the NOT EXISTS a subquery run per batch, a probe of
	 * payment_by_status_ix on (PENDING, batch): as an anti-join, PostgreSQL, whose
	 * statistics saw no PENDING payment, walked every PENDING entry once per batch,
	 * tonight's dead row versions too until a vacuum removes them (7 times the buffers on
	 * the second night of a year's database).
	 */
	static final String SQL = """
			SELECT b.id FROM payment_batch b
			WHERE b.status = 'PROCESSING' AND b.business_date = ?
			AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.batch_id = b.id AND p.status = 'PENDING'
			                OFFSET 0 ROWS)
			ORDER BY b.opened, b.external_id NULLS FIRST, b.id""";

	private ClosableBatches() {
	}

	/**
	 * One query for the step, streamed: a page reader would have to sort the closable
	 * batches again for every page. No state is saved: a restart asks again, and the
	 * batches closed before it are no longer PROCESSING.
	 */
	static JdbcCursorItemReader<String> reader(DataSource dataSource, LocalDate businessDate, int fetchSize) {
		return new JdbcCursorItemReaderBuilder<String>().name("closableBatchReader")
			.dataSource(dataSource)
			.sql(SQL)
			.queryArguments(businessDate)
			.connectionAutoCommit(false)
			.fetchSize(fetchSize)
			.saveState(false)
			.rowMapper((rs, n) -> rs.getString("id"))
			.build();
	}

}
