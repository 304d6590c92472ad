package com.settlebatch.batches;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.sql.Databases;

/**
 * The planner statistics of {@code payment_batch} and {@code payment} on PostgreSQL,
 * refreshed after a bulk write.
 */
@Component
public class TableStatistics {

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	TableStatistics(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
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
	public void refresh() {
		if (Databases.isPostgres(dataSource)) {
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

}
