package com.settlebatch.api;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;

import com.settlebatch.executions.ExecutionQueries;

/** The JSON shapes of job executions, straight from the Spring Batch metadata tables. */
final class ExecutionJson {

	private ExecutionJson() {
	}

	record ExecutionList(String type, int limit, List<ExecutionQueries.ExecutionRow> data) {
	}

	/**
	 * Exit messages keep their first line: the rest is a stack trace, which the server
	 * log has.
	 */
	record Step(long id, String step, String status, long read, long filtered, long written, long readSkips,
			long processSkips, long writeSkips, long commits, long rollbacks, String exitCode, String exitMessage) {

		static Step of(ExecutionQueries.StepRow s) {
			return new Step(s.id(), s.step(), s.status(), s.read(), s.filtered(), s.written(), s.readSkips(),
					s.processSkips(), s.writeSkips(), s.commits(), s.rollbacks(), s.exitCode(),
					firstLine(s.exitMessage()));
		}

	}

	/**
	 * Totals over the steps: skips are declined payments and bad rows, rollbacks are
	 * retried chunks.
	 */
	record Counts(long read, long written, long skipped, long rollbacks) {
	}

	/**
	 * One execution.
	 *
	 * @param failure when the execution did not complete: the first line of its exit
	 * description, or of its failed step's exit message; else null
	 */
	record Execution(long id, String job, String status, String exitCode, String failure, LocalDateTime start,
			LocalDateTime end, String parameters, Counts counts, List<Step> steps) {

		static Execution of(JobExecution execution, String parameters, List<ExecutionQueries.StepRow> steps) {
			// A partitioned step's manager already holds the sums of its partitions.
			List<ExecutionQueries.StepRow> counted = steps.stream().filter(s -> !s.partition()).toList();
			Counts counts = new Counts(counted.stream().mapToLong(ExecutionQueries.StepRow::read).sum(),
					counted.stream().mapToLong(ExecutionQueries.StepRow::written).sum(),
					counted.stream().mapToLong(s -> s.readSkips() + s.processSkips() + s.writeSkips()).sum(),
					counted.stream().mapToLong(ExecutionQueries.StepRow::rollbacks).sum());
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
					execution.getStartTime(), execution.getEndTime(), parameters, counts,
					steps.stream().map(Step::of).toList());
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
