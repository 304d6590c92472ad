package com.settlebatch.api;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.batch.core.job.JobExecution;

import com.settlebatch.executions.ExecutionQueries;

/** The JSON shapes of job executions, straight from the Spring Batch metadata tables. */
final class ExecutionJson {

	private static final String WAITING = "while the execution runs and no worker has taken any of its partitions: "
			+ "since when; else null";

	private ExecutionJson() {
	}

	record ExecutionList(String type, int limit, List<Summary> data) {

		static ExecutionList of(int limit, List<ExecutionQueries.ExecutionRow> rows) {
			return new ExecutionList("list", limit, rows.stream().map(Summary::of).toList());
		}

	}

	/**
	 * One execution in the list, with what each of its steps counted: the steps count
	 * different things (payments, batches), so there is no total over them.
	 */
	@Schema(name = "ExecutionSummary")
	record Summary(long id, String job, String status, String exitCode,
			@Schema(nullable = true, format = "date-time") OffsetDateTime start,
			@Schema(nullable = true, format = "date-time") OffsetDateTime end, String parameters,
			List<StepCounts> steps, @Schema(nullable = true, format = "date-time",
					description = WAITING) OffsetDateTime waitingForWorkerSince) {

		static Summary of(ExecutionQueries.ExecutionRow row) {
			return new Summary(row.id(), row.job(), row.status(), row.exitCode(), row.start(), row.end(),
					row.parameters(), row.steps().stream().map(StepCounts::of).toList(), row.waitingForWorkerSince());
		}

	}

	/**
	 * @param skipped read, process and write skips: declined or failed payments, bad rows
	 * @param rollbacks chunks rolled back
	 */
	@Schema(name = "StepCounts")
	record StepCounts(String step, String status, long read, long written, long skipped, long rollbacks) {

		static StepCounts of(ExecutionQueries.StepCounts s) {
			return new StepCounts(s.step(), s.status(), s.read(), s.written(), s.skipped(), s.rollbacks());
		}

	}

	/**
	 * Exit messages keep their first line: the rest is a stack trace, which the server
	 * log has.
	 */
	@Schema(name = "ExecutionStep")
	record Step(long id, String step, String status, long read, long filtered, long written, long readSkips,
			long processSkips, long writeSkips, long commits, long rollbacks, @Schema(nullable = true) String exitCode,
			@Schema(nullable = true) String exitMessage) {

		static Step of(ExecutionQueries.StepRow s) {
			return new Step(s.id(), s.step(), s.status(), s.read(), s.filtered(), s.written(), s.readSkips(),
					s.processSkips(), s.writeSkips(), s.commits(), s.rollbacks(), s.exitCode(),
					firstLine(s.exitMessage()));
		}

	}

	/**
	 * One execution.
	 *
	 * @param failure when the execution did not complete: the first line of its exit
	 * description, or of its failed step's exit message; else null
	 */
	record Execution(long id, String job, String status, String exitCode, @Schema(nullable = true) String failure,
			@Schema(nullable = true, format = "date-time") OffsetDateTime start,
			@Schema(nullable = true, format = "date-time") OffsetDateTime end, String parameters, List<Step> steps,
			@Schema(nullable = true, format = "date-time",
					description = WAITING) OffsetDateTime waitingForWorkerSince) {

		static Execution of(JobExecution execution, String parameters, List<ExecutionQueries.StepRow> steps,
				OffsetDateTime waitingForWorkerSince) {
			String failure = null;
			if (execution.getStatus().isUnsuccessful()) {
				// A failed step's message is often the only account: the job's own
				// description may be empty.
				failure = firstLine(execution.getExitStatus().getExitDescription());
				failure = failure != null ? failure
						: steps.stream()
							.filter(step -> !"COMPLETED".equals(step.status()))
							.map(step -> firstLine(step.exitMessage()))
							.filter(java.util.Objects::nonNull)
							.findFirst()
							.orElse(null);
			}
			return new Execution(execution.getId(), execution.getJobInstance().getJobName(),
					execution.getStatus().name(), execution.getExitStatus().getExitCode(), failure,
					ExecutionQueries.instant(execution.getStartTime()),
					ExecutionQueries.instant(execution.getEndTime()), parameters, steps.stream().map(Step::of).toList(),
					waitingForWorkerSince);
		}

	}

	private static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String line = text.strip().lines().findFirst().orElse("");
		return line.length() > 500 ? line.substring(0, 497) + "..." : line;
	}

}
