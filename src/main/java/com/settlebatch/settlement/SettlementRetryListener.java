package com.settlebatch.settlement;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.Retryable;

/**
 * Links the step's retry policy to the payments: when it gives up on a chunk, the
 * payments still waiting become final (FAILED). Also reports, in the step's EXIT_MESSAGE,
 * how many gateway calls were resent: in Spring Batch 6 a retry happens inside the
 * chunk's transaction, so ROLLBACK_COUNT does not count retries.
 */
class SettlementRetryListener implements RetryListener, StepExecutionListener {

	private final ChunkOutcomes outcomes;

	SettlementRetryListener(ChunkOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	@Override
	public void onRetryPolicyExhaustion(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
		// Framework 7 also reports a non-retryable first failure (a database error)
		// as exhaustion.
		if (exception.getCause() instanceof TransientGatewayException) {
			outcomes.exhaustRetryable();
		}
	}

	/**
	 * Interrupted while backing off (the service is stopping): Spring Framework reports
	 * it with the transient cause, which the skip policy would skip. The chunk must fail
	 * instead and roll back, so that a restart resumes it; nothing may be counted as
	 * skipped.
	 */
	@Override
	public void onRetryPolicyInterruption(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
		outcomes.interrupt();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		return stepExecution.getExitStatus()
			.addExitDescription(
					summary(stepExecution.getWriteCount(), stepExecution.getWriteSkipCount(), outcomes.retriedCalls()));
	}

	/**
	 * The line a partition, and then its pass ({@link PassSummaryAggregator}), ends with.
	 */
	static String summary(long settled, long skipped, long retriedCalls) {
		return "settled=" + settled + " skipped(declined+failed)=" + skipped + " retried-calls=" + retriedCalls;
	}

}
