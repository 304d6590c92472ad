package com.settlebatch.retention;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.settlebatch.settlement.SettlementJob;

/**
 * The one owner of {@code settled_date}: the business dates whose settlement completed,
 * recorded before their run's metadata may be pruned, so that a pruned date is never
 * settled again.
 */
@Repository
public class SettledDates {

	private final JdbcClient jdbc;

	SettledDates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the date's settlement completed, by this table alone. */
	public boolean contains(LocalDate businessDate) {
		return jdbc.sql("SELECT COUNT(*) FROM settled_date WHERE business_date = ?")
			.param(businessDate)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records every completed settlement the metadata still knows and this table does not
	 * yet: run before any metadata is pruned, in the same job.
	 */
	int recordCompleted(OffsetDateTime now) {
		return jdbc.sql("""
				INSERT INTO settled_date (business_date, job_execution_id, recorded_at)
				SELECT CAST(p.PARAMETER_VALUE AS DATE), MIN(e.JOB_EXECUTION_ID), :now
				FROM BATCH_JOB_INSTANCE i
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE i.JOB_NAME = :job AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = :parameter
				  AND NOT EXISTS (SELECT 1 FROM settled_date s
				                  WHERE s.business_date = CAST(p.PARAMETER_VALUE AS DATE))
				GROUP BY CAST(p.PARAMETER_VALUE AS DATE)""")
			.param("now", now)
			.param("job", SettlementJob.NAME)
			.param("parameter", SettlementJob.BUSINESS_DATE)
			.update();
	}

}
