package com.settlebatch.executions;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.FatalStepExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure's trace in an exit description gives way to its reason; the rest stays. */
class PlainExitMessagesTests {

	@Test
	void givenAStepDescriptionWithATraceAndItsReasonJoinedByListenersWhenMadePlainThenItReadsTheReasonOnceAndTheSummary() {
		// given what Spring Batch joins for a failed step whose listener appended a
		// summary to its exit status
		Exception failure = new FatalStepExecutionException("Unable to process chunk",
				new IllegalStateException("the database is read-only; check its role"));
		String reason = FailureReason.of(failure);
		ExitStatus status = ExitStatus.FAILED.addExitDescription(failure)
			.addExitDescription(reason + "; " + reason + "; settled=0 retried-calls=0");

		// when
		ExitStatus plain = PlainExitMessages.plain(status, List.of(failure));

		// then
		assertThat(plain.getExitCode()).isEqualTo("FAILED");
		assertThat(plain.getExitDescription())
			.isEqualTo("IllegalStateException: the database is read-only; check its role; settled=0 retried-calls=0");
	}

}
