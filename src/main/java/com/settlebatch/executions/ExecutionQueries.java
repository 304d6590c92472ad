package com.settlebatch.executions;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "What ran, how did it go" straight from the Spring Batch metadata tables: the same SQL
 * the README documents for operators.
 */
@Component
public class ExecutionQueries {

	/**
	 * One job execution with its identifying parameters and the step totals. A
	 * partitioned step's partitions ({@code worker:partition}) are left out: their
	 * manager step already holds their sum.
	 */
	public record ExecutionRow(long id, String job, String status, String exitCode, LocalDateTime start,
			LocalDateTime end, String parameters, long read, long written, long skipped, long rollbacks) {
	}

	/** One step execution's counts, as BATCH_STEP_EXECUTION has them. */
	public record StepRow(long id, String step, String status, long read, long filtered, long written, long readSkips,
			long processSkips, long writeSkips, long commits, long rollbacks, String exitCode, String exitMessage) {

		/**
		 * A partition ({@code worker:partition}) of a partitioned step, whose manager
		 * step holds the sums.
		 */
		public boolean partition() {
			return step.contains(":");
		}

	}

	private final JdbcClient jdbc;

	ExecutionQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<ExecutionRow> recent(String jobName, int limit) {
		Map<String, Object> params = new HashMap<>();
		params.put("limit", limit);
		String where = "";
		if (jobName != null) {
			where = " WHERE i.JOB_NAME = :job";
			params.put("job", jobName);
		}
		return jdbc.sql("SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME, "
				+ "(SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS READ_COUNT, "
				+ "(SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS WRITE_COUNT, "
				+ "(SELECT COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS SKIP_COUNT, "
				+ "(SELECT COALESCE(SUM(s.ROLLBACK_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS ROLLBACK_COUNT "
				+ "FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
				+ where + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT :limit")
			.params(params)
			.query((rs, n) -> new ExecutionRow(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"),
					rs.getString("STATUS"), rs.getString("EXIT_CODE"), rs.getObject("START_TIME", LocalDateTime.class),
					rs.getObject("END_TIME", LocalDateTime.class), parameters(rs.getLong("JOB_EXECUTION_ID")),
					rs.getLong("READ_COUNT"), rs.getLong("WRITE_COUNT"), rs.getLong("SKIP_COUNT"),
					rs.getLong("ROLLBACK_COUNT")))
			.list();
	}

	public List<StepRow> steps(long executionId) {
		return jdbc.sql("SELECT * FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID")
			.param(executionId)
			.query((rs, n) -> new StepRow(rs.getLong("STEP_EXECUTION_ID"), rs.getString("STEP_NAME"),
					rs.getString("STATUS"), rs.getLong("READ_COUNT"), rs.getLong("FILTER_COUNT"),
					rs.getLong("WRITE_COUNT"), rs.getLong("READ_SKIP_COUNT"), rs.getLong("PROCESS_SKIP_COUNT"),
					rs.getLong("WRITE_SKIP_COUNT"), rs.getLong("COMMIT_COUNT"), rs.getLong("ROLLBACK_COUNT"),
					rs.getString("EXIT_CODE"), rs.getString("EXIT_MESSAGE")))
			.list();
	}

	public String parameters(long executionId) {
		return String.join(", ", jdbc
			.sql("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? "
					+ "AND IDENTIFYING = 'Y' ORDER BY PARAMETER_NAME")
			.param(executionId)
			.query((rs, n) -> rs.getString(1) + "=" + rs.getString(2))
			.list());
	}

}
