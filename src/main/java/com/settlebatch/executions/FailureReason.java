package com.settlebatch.executions;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import com.settlebatch.masking.CardNumbers;

/**
 * Puts why a job failed, in one line, in BATCH_JOB_EXECUTION.EXIT_MESSAGE: the reason of
 * the step that failed ({@link #of(Throwable)}), where Spring Batch would store the stack
 * trace of a wrapper exception ("Unable to process chunk"), cut at 2,500 characters,
 * usually before the cause. The trace stays in the log.
 */
public class FailureReason implements JobExecutionListener {

	private static final String PRODUCT = "com.settlebatch.";

	private static final int MAX_LENGTH = 2000;

	@Override
	public void afterJob(JobExecution execution) {
		if (!execution.getStatus().isUnsuccessful()) {
			return;
		}
		failure(execution).ifPresent(failure -> execution
			.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), of(failure))));
	}

	/**
	 * The failure that tells most: the steps' in run order (a partitioned step's failure
	 * names its failed partitions and why), then the partitions', then the job's own.
	 */
	private static Optional<Throwable> failure(JobExecution execution) {
		List<StepExecution> steps = List.copyOf(execution.getStepExecutions());
		Stream<StepExecution> ordered = Stream.concat(steps.stream().filter(step -> !partition(step)),
				steps.stream().filter(FailureReason::partition));
		return Stream
			.concat(ordered.flatMap(step -> step.getFailureExceptions().stream()),
					execution.getFailureExceptions().stream())
			.findFirst();
	}

	private static boolean partition(StepExecution step) {
		return step.getStepName().contains(":");
	}

	/**
	 * A failure in one line a person can act on: the message of the innermost exception
	 * of this product in its chain (written for people: "the gateway at ... refused the
	 * configured App-Id/App-Token (401, correlation id ...)"), else the root cause with
	 * its type ("PSQLException: ..."). Card numbers masked.
	 */
	public static String of(Throwable failure) {
		Throwable product = null;
		Throwable root = failure;
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t.getClass().getName().startsWith(PRODUCT) && firstLine(t) != null) {
				product = t;
			}
			root = t;
		}
		String reason = product != null ? firstLine(product) : firstLine(root) == null ? root.getClass().getSimpleName()
				: root.getClass().getSimpleName() + ": " + firstLine(root);
		reason = CardNumbers.mask(reason);
		return reason.length() > MAX_LENGTH ? reason.substring(0, MAX_LENGTH) : reason;
	}

	private static String firstLine(Throwable failure) {
		String message = failure.getMessage();
		return message == null || message.isBlank() ? null : message.strip().lines().findFirst().orElse(null);
	}

}
