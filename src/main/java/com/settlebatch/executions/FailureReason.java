package com.settlebatch.executions;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.settlebatch.masking.CardNumbers;

/**
 * Puts why a job failed, in one line, in BATCH_JOB_EXECUTION.EXIT_MESSAGE. Spring Batch
 * stores the stack trace of the step's wrapper exception ("Unable to process chunk"), cut
 * at 2,500 characters, usually before the cause: operators asking the table "why" need
 * the root cause (the trace stays in the log).
 */
public class FailureReason implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution execution) {
		if (!execution.getStatus().isUnsuccessful() || execution.getAllFailureExceptions().isEmpty()) {
			return;
		}
		// A partitioned step fails with "Partition handler returned an unsuccessful
		// step": the cause
		// is in the partition that failed.
		Throwable root = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().contains(":"))
			.flatMap(step -> step.getFailureExceptions().stream())
			.findFirst()
			.orElse(execution.getAllFailureExceptions().get(0));
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
		String reason = CardNumbers.mask(root.getClass().getSimpleName() + ": " + message);
		execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
				reason.length() > 2000 ? reason.substring(0, 2000) : reason));
	}

}
