package com.settlebatch.settlement;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.settlebatch.batches.PaymentOutcome;
import com.settlebatch.batches.PaymentStatus;
import com.settlebatch.gateway.PaymentCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Declines and failures are counted by the writer, not thrown: the counts must be those
 * Spring Batch kept when it skipped them, and must follow the chunk's transaction.
 */
class DecidedPaymentsTests {

	private final StepExecution step = new StepExecution(11L, "settlePaymentsWorker:pass1.part001",
			new JobExecution(7L, new JobInstance(3L, "settlement"), new JobParameters()));

	@BeforeEach
	void inAStepAndATransaction() {
		StepSynchronizationManager.register(step);
		TransactionSynchronizationManager.initSynchronization();
	}

	@AfterEach
	void leave() {
		TransactionSynchronizationManager.clearSynchronization();
		StepSynchronizationManager.close();
	}

	@Test
	void declinedAndFailedPaymentsAreWriteSkipsAndLeaveTheChunkWithTheSettledOnes() {
		Chunk<PaymentCall> chunk = new Chunk<>(call("p-1"), call("p-2"), call("p-3"));

		new DecidedPayments(100).countUnsettled(chunk, List.of(outcome("p-1", PaymentStatus.SETTLED),
				outcome("p-2", PaymentStatus.DECLINED), outcome("p-3", PaymentStatus.FAILED)));

		assertThat(chunk.getItems()).extracting(PaymentCall::paymentId).containsExactly("p-1");
		assertThat(step.getWriteSkipCount()).isEqualTo(2);
	}

	@Test
	void aChunkThatRollsBackTakesItsSkipsBack() {
		step.setWriteSkipCount(5);

		new DecidedPayments(100).countUnsettled(new Chunk<>(call("p-1")),
				List.of(outcome("p-1", PaymentStatus.DECLINED)));
		assertThat(step.getWriteSkipCount()).isEqualTo(6);
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			synchronization.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
		}

		assertThat(step.getWriteSkipCount()).isEqualTo(5);
	}

	@Test
	void moreDeclinesThanTheSkipLimitFailTheChunk() {
		step.setWriteSkipCount(1);

		assertThatThrownBy(() -> new DecidedPayments(2).countUnsettled(new Chunk<>(call("p-1"), call("p-2")),
				List.of(outcome("p-1", PaymentStatus.DECLINED), outcome("p-2", PaymentStatus.DECLINED))))
			.isInstanceOf(SkipLimitExceededException.class);
		assertThat(step.getWriteSkipCount()).isEqualTo(1);
	}

	private static PaymentCall call(String id) {
		return new PaymentCall(id, "key-" + id, "ref-" + id, "payment", 100, "USD", "acct", null, null);
	}

	private static PaymentOutcome outcome(String id, PaymentStatus status) {
		return new PaymentOutcome(id, status, 1, null, status == PaymentStatus.SETTLED ? 201 : 403, null, null, null);
	}

}
