package com.settlebatch.cli;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.settlebatch.refusal.RefusedException;

/** The process exit codes of every {@code settle} command (the README's table). */
final class ExitCodes {

	static final int DONE = 0;

	static final int JOB_FAILED = 1;

	static final int BAD_INPUT = 2;

	static final int ALREADY_RUNNING_OR_COMPLETE = 3;

	static final int NOT_FOUND = 4;

	private ExitCodes() {
	}

	/**
	 * The job's outcome is the process's outcome; an import that failed because its file
	 * cannot be read at all is bad input.
	 */
	static int of(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return DONE;
		}
		return Failures.unreadable(execution).isPresent() ? BAD_INPUT : JOB_FAILED;
	}

	/**
	 * Several jobs (a run): a failed job says more than a bad file, which the run has set
	 * aside already.
	 */
	static int of(List<JobExecution> executions) {
		List<Integer> codes = executions.stream().map(ExitCodes::of).toList();
		return codes.contains(JOB_FAILED) ? JOB_FAILED : codes.stream().max(Integer::compare).orElse(DONE);
	}

	/** A refused operation's exit code says what kind of refusal it was. */
	static int of(RefusedException refusal) {
		return switch (refusal.kind()) {
			case NOT_FOUND -> NOT_FOUND;
			case CONFLICT -> ALREADY_RUNNING_OR_COMPLETE;
			case BAD_INPUT -> BAD_INPUT;
			case FAILED -> JOB_FAILED;
		};
	}

}
