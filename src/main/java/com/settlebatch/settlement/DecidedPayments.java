package com.settlebatch.settlement;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.settlebatch.batches.PaymentOutcome;
import com.settlebatch.batches.PaymentStatus;
import com.settlebatch.gateway.PaymentCall;

/**
 * Counts a written chunk's declined and failed payments in the step execution's
 * WRITE_SKIP_COUNT, where they counted when they were thrown as skippable exceptions, and
 * takes them out of the chunk so that Spring Batch's WRITE_COUNT stays the settled ones.
 * The count joins the chunk's transaction: Spring Batch stores the step execution in it,
 * and takes the count back here if it rolls back (Spring Batch 6.0.6 restores the write,
 * filter and commit counts of a rolled-back chunk, not the skip counts). More skips than
 * the skip limit fail the step, as the skip policy did.
 */
class DecidedPayments {

	private final long skipLimit;

	DecidedPayments(long skipLimit) {
		this.skipLimit = skipLimit;
	}

	void countUnsettled(Chunk<? extends PaymentCall> chunk, List<PaymentOutcome> finals) {
		Set<String> unsettled = finals.stream()
			.filter(outcome -> outcome.status() != PaymentStatus.SETTLED)
			.map(PaymentOutcome::paymentId)
			.collect(Collectors.toSet());
		if (unsettled.isEmpty()) {
			return;
		}
		StepContext context = StepSynchronizationManager.getContext();
		StepExecution step = context == null ? null : context.getStepExecution();
		if (step != null && step.getWriteSkipCount() + unsettled.size() > skipLimit) {
			throw new SkipLimitExceededException(skipLimit, new IllegalStateException(
					"more than " + skipLimit + " payments declined or failed in this partition"));
		}
		for (Iterator<? extends PaymentCall> calls = chunk.iterator(); calls.hasNext();) {
			if (unsettled.contains(calls.next().paymentId())) {
				calls.remove();
			}
		}
		if (step != null) {
			add(step, unsettled.size());
		}
	}

	private static void add(StepExecution step, long skipped) {
		step.setWriteSkipCount(step.getWriteSkipCount() + skipped);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						step.setWriteSkipCount(step.getWriteSkipCount() - skipped);
					}
				}
			});
		}
	}

}
