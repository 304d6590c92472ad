package com.settlebatch.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** The process exit codes of every {@code settle} command (SPEC §7). */
public final class ExitCodes {

	public static final int DONE = 0;

	public static final int JOB_FAILED = 1;

	public static final int BAD_INPUT = 2;

	public static final int ALREADY_RUNNING_OR_COMPLETE = 3;

	public static final int NOT_FOUND = 4;

	private ExitCodes() {
	}

	/** The job's outcome is the process's outcome. */
	public static int of(JobExecution execution) {
		return execution.getStatus() == BatchStatus.COMPLETED ? DONE : JOB_FAILED;
	}

}
