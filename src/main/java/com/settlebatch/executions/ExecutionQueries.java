package com.settlebatch.executions;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "What ran, how did it go" straight from the Spring Batch metadata tables: the same SQL
 * the README documents for operators.
 */
@Component
public class ExecutionQueries {

	/**
	 * One job execution with its identifying parameters and what each step counted: the
	 * steps count different things (payments in a settle pass, batches in the closing
	 * step), so no total over them means anything.
	 *
	 * @param start when it started, as an instant (UTC); null before it started
	 * @param end when it ended (UTC); null while it runs
	 * @param waitingForWorkerSince while it runs and no worker has taken any of its
	 * partitions ({@link #waitingForWorkerSince(long)}): since when (UTC); else null
	 */
	public record ExecutionRow(long id, String job, String status, String exitCode, OffsetDateTime start,
			OffsetDateTime end, String parameters, List<StepCounts> steps, OffsetDateTime waitingForWorkerSince) {
	}

	/**
	 * One step's counts in a listing. A partitioned step's partitions
	 * ({@code worker:partition}) are left out: their manager step already holds their
	 * sum.
	 *
	 * @param skipped read, process and write skips (declined or failed payments, bad
	 * rows)
	 */
	public record StepCounts(String step, String status, long read, long written, long skipped, long rollbacks) {
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

	private static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");

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
		List<ExecutionRow> rows = jdbc
			.sql("""
					SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME
					FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"""
					+ where + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT :limit")
			.params(params)
			.query((rs, n) -> new ExecutionRow(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"),
					rs.getString("STATUS"), rs.getString("EXIT_CODE"),
					instant(rs.getObject("START_TIME", LocalDateTime.class)),
					instant(rs.getObject("END_TIME", LocalDateTime.class)), "", List.of(), null))
			.list();
		List<Long> ids = rows.stream().map(ExecutionRow::id).toList();
		Map<Long, String> parameters = parameters(ids);
		Map<Long, List<StepCounts>> steps = stepCounts(ids);
		return rows.stream()
			.map(row -> new ExecutionRow(row.id(), row.job(), row.status(), row.exitCode(), row.start(), row.end(),
					parameters.getOrDefault(row.id(), ""), steps.getOrDefault(row.id(), List.of()),
					RUNNING.contains(row.status()) ? waitingForWorkerSince(row.id()).orElse(null) : null))
			.toList();
	}

	/**
	 * Since when a running execution has waited for a worker: none of its partitions runs
	 * and some have not been taken, from the later of the first untaken one's sending and
	 * the last partition's end (the rule of the cluster's manager, which fails them after
	 * {@code settle.cluster.worker-wait}). Empty while one runs, when none waits, or for
	 * a job without partitions.
	 */
	public Optional<OffsetDateTime> waitingForWorkerSince(long executionId) {
		return jdbc.sql("""
				SELECT MIN(CASE WHEN STATUS = 'STARTING' THEN CREATE_TIME END) AS FIRST_SENT,
				       MAX(END_TIME) AS LAST_ENDED,
				       SUM(CASE WHEN STATUS IN ('STARTED', 'STOPPING') THEN 1 ELSE 0 END) AS RUNNING
				FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE '%:%'""")
			.param(executionId)
			.query((rs, n) -> {
				LocalDateTime firstSent = rs.getObject("FIRST_SENT", LocalDateTime.class);
				LocalDateTime lastEnded = rs.getObject("LAST_ENDED", LocalDateTime.class);
				if (firstSent == null || rs.getLong("RUNNING") > 0) {
					return Optional.<OffsetDateTime>empty();
				}
				return Optional.of(instant(lastEnded != null && lastEnded.isAfter(firstSent) ? lastEnded : firstSent));
			})
			.single();
	}

	/**
	 * The identifying parameters of all listed executions in one statement: a statement
	 * per execution made a page of twenty cost twenty round trips, so the page got slower
	 * as the history filled it (a new database lists six runs, a year's lists the limit).
	 */
	private Map<Long, String> parameters(List<Long> executionIds) {
		if (executionIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS
				WHERE JOB_EXECUTION_ID IN (:ids) AND IDENTIFYING = 'Y'
				ORDER BY JOB_EXECUTION_ID, PARAMETER_NAME""")
			.param("ids", executionIds)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2) + "=" + rs.getString(3)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.joining(", "))));
	}

	/** The steps of all listed executions in one statement, each execution's in order. */
	private Map<Long, List<StepCounts>> stepCounts(List<Long> executionIds) {
		if (executionIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				SELECT JOB_EXECUTION_ID, STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT,
				       READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT AS SKIP_COUNT, ROLLBACK_COUNT
				FROM BATCH_STEP_EXECUTION
				WHERE JOB_EXECUTION_ID IN (:ids) AND STEP_NAME NOT LIKE '%:%'
				ORDER BY STEP_EXECUTION_ID""")
			.param("ids", executionIds)
			.query((rs, n) -> Map.entry(rs.getLong("JOB_EXECUTION_ID"),
					new StepCounts(rs.getString("STEP_NAME"), rs.getString("STATUS"), rs.getLong("READ_COUNT"),
							rs.getLong("WRITE_COUNT"), rs.getLong("SKIP_COUNT"), rs.getLong("ROLLBACK_COUNT"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
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

	/**
	 * Spring Batch writes its times as this JVM's local wall-clock time without a zone
	 * ({@code LocalDateTime.now()}): read back in the same zone, as an instant in UTC.
	 */
	public static OffsetDateTime instant(LocalDateTime time) {
		return time == null ? null
				: time.atZone(ZoneId.systemDefault()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
	}

	public String parameters(long executionId) {
		return parameters(List.of(executionId)).getOrDefault(executionId, "");
	}

}
