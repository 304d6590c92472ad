package com.settlebatch.cli;

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

	/** The job's outcome is the process's outcome. */
	static int of(JobExecution execution) {
		return execution.getStatus() == BatchStatus.COMPLETED ? DONE : JOB_FAILED;
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
