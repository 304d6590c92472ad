package com.settlebatch.reconciliation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.sql.Databases;
import com.settlebatch.sql.PostgresCopy;

/**
 * The gateway side of a run, staged per job execution ({@code reconciliation_charge}),
 * and which payment explains each charge ({@code reconciliation_link}). The only writer
 * of both tables. Linking is set-wise: three {@code INSERT ... SELECT} joins, each for
 * the charges the one before left unexplained, so the database picks hash joins over a
 * million rows rather than a probe per charge.
 */
@Component
class StagedCharges {

	private static final String COLUMNS = "execution_id, line, gateway_id, unique_key, reference_id, account_id, "
			+ "amount, currency, status, created_at";

	private static final List<String> STAGING = List.of("reconciliation_link", "reconciliation_charge");

	/** A staged row whose run is not one that started within a day and still runs. */
	private static final String STALE = """
			NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
			            WHERE e.JOB_EXECUTION_ID = s.execution_id AND e.END_TIME IS NULL
			              AND e.CREATE_TIME >= :dayAgo)""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final boolean postgres;

	StagedCharges(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
		this.postgres = Databases.isPostgres(jdbcTemplate.getDataSource());
	}

	/**
	 * One chunk of charges: one {@code COPY} on PostgreSQL (a JDBC batch cost three times
	 * the time at a million charges), one JDBC batch on H2.
	 */
	void stage(long executionId, List<? extends StagedCharge> charges) {
		if (postgres) {
			List<Object[]> rows = new ArrayList<>(charges.size());
			for (StagedCharge charge : charges) {
				rows.add(new Object[] { executionId, charge.line(), charge.gatewayId(), charge.uniqueKey(),
						charge.referenceId(), charge.accountId(), charge.amount(), charge.currency(), charge.status(),
						charge.createdAt() });
			}
			PostgresCopy.copyIn(jdbcTemplate, "reconciliation_charge", COLUMNS, rows);
			return;
		}
		jdbcTemplate.batchUpdate(
				"INSERT INTO reconciliation_charge (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", charges,
				charges.size(), (statement, charge) -> {
					statement.setLong(1, executionId);
					statement.setLong(2, charge.line());
					statement.setString(3, charge.gatewayId());
					statement.setString(4, charge.uniqueKey());
					statement.setString(5, charge.referenceId());
					statement.setString(6, charge.accountId());
					statement.setBigDecimal(7, charge.amount());
					statement.setString(8, charge.currency());
					statement.setString(9, charge.status());
					statement.setTimestamp(10, charge.createdAt() == null ? null : Timestamp.from(charge.createdAt()));
				});
	}

	/**
	 * Links each staged charge to the payment that explains it: the payment with its
	 * unique key (any date's: a charge of another date's payment is explained, and
	 * reconciled with that date), else the date's payment with its gateway id, else the
	 * date's payment with its reference and account (the same payment charged again under
	 * a new key, a duplicate). A charge left unlinked is unknown to us.
	 */
	void link(long executionId, LocalDate businessDate) {
		analyze("reconciliation_charge");
		jdbc.sql("""
				INSERT INTO reconciliation_link (execution_id, line, payment_id)
				SELECT c.execution_id, c.line, p.id
				FROM reconciliation_charge c
				JOIN payment p ON p.unique_key = c.unique_key
				WHERE c.execution_id = :execution""").param("execution", executionId).update();
		analyze("reconciliation_link");
		linkUnexplainedOfTheDate(executionId, businessDate, "p.gateway_id = c.gateway_id");
		linkUnexplainedOfTheDate(executionId, businessDate,
				"p.reference_id = c.reference_id AND p.account_id = c.account_id");
	}

	private void linkUnexplainedOfTheDate(long executionId, LocalDate businessDate, String match) {
		jdbc.sql("""
				INSERT INTO reconciliation_link (execution_id, line, payment_id)
				SELECT c.execution_id, c.line, MIN(p.id)
				FROM reconciliation_charge c
				JOIN payment p ON %s
				JOIN payment_batch b ON b.id = p.batch_id AND b.business_date = :date
				WHERE c.execution_id = :execution
				  AND NOT EXISTS (SELECT 1 FROM reconciliation_link l
				                  WHERE l.execution_id = c.execution_id AND l.line = c.line)
				GROUP BY c.execution_id, c.line""".formatted(match))
			.param("execution", executionId)
			.param("date", businessDate)
			.update();
	}

	/**
	 * On PostgreSQL, a sample of what the load just wrote: without it the joins below are
	 * planned for an empty table (autovacuum comes later, if at all, within a run).
	 */
	private void analyze(String table) {
		if (postgres) {
			jdbc.sql("ANALYZE " + table).update();
		}
	}

	long count(long executionId) {
		return jdbc.sql("SELECT COUNT(*) FROM reconciliation_charge WHERE execution_id = :execution")
			.param("execution", executionId)
			.query(Long.class)
			.single();
	}

	/** The run's result is stored: its staging goes, so nothing grows with the nights. */
	void discard(long executionId) {
		jdbc.sql("DELETE FROM reconciliation_link WHERE execution_id = :execution")
			.param("execution", executionId)
			.update();
		jdbc.sql("DELETE FROM reconciliation_charge WHERE execution_id = :execution")
			.param("execution", executionId)
			.update();
	}

	/**
	 * Removes at most {@code limit} staged rows of runs that will never use them: a run
	 * that ended (it is never restarted), whose metadata is gone, or that started before
	 * {@code dayAgo} and never ended (its process died). Links first, then charges, one
	 * run's span of lines at a time.
	 * @return the rows removed; 0 once none is left
	 */
	int discardStale(LocalDateTime dayAgo, int limit) {
		for (String table : STAGING) {
			Long execution = jdbc.sql("SELECT MIN(s.execution_id) FROM %s s WHERE %s".formatted(table, STALE))
				.param("dayAgo", dayAgo)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (execution != null) {
				long first = jdbc.sql("SELECT MIN(line) FROM %s WHERE execution_id = :execution".formatted(table))
					.param("execution", execution)
					.query(Long.class)
					.single();
				return jdbc.sql("DELETE FROM %s WHERE execution_id = :execution AND line < :end".formatted(table))
					.param("execution", execution)
					.param("end", first + limit)
					.update();
			}
		}
		return 0;
	}

	/** How many staged rows {@link #discardStale} would remove. */
	long staleRows(LocalDateTime dayAgo) {
		long rows = 0;
		for (String table : STAGING) {
			rows += jdbc.sql("SELECT COUNT(*) FROM %s s WHERE %s".formatted(table, STALE))
				.param("dayAgo", dayAgo)
				.query(Long.class)
				.single();
		}
		return rows;
	}

}
