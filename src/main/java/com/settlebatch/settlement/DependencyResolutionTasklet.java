package com.settlebatch.settlement;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.settlebatch.batches.PaymentRepository;

/**
 * Between two passes. Seed 002: a child is never executed when its parent fails. Every
 * PENDING payment whose parent ended DECLINED, FAILED, SKIPPED or CANCELLED becomes
 * SKIPPED with DEPENDENCY_FAILED, repeated until no more change so that whole chains fall
 * at once. Counted as FILTER_COUNT: a business decision not to send, not an error. Then
 * it builds the next pass of work from what became eligible (children of parents that
 * just settled, the next payment of a sequential batch), in the same transaction.
 */
class DependencyResolutionTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(DependencyResolutionTasklet.class);

	private final PaymentRepository payments;

	private final SettlementWork work;

	private final LocalDate businessDate;

	DependencyResolutionTasklet(PaymentRepository payments, SettlementWork work, LocalDate businessDate) {
		this.work = work;
		this.payments = payments;
		this.businessDate = businessDate;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int total = payments.skipOrphans(businessDate);
		contribution.incrementFilterCount(total);
		if (total > 0) {
			log.info("{} payment(s) skipped because their parent did not settle", total);
		}
		work.build(businessDate, work.current(businessDate).number() + 1);
		return RepeatStatus.FINISHED;
	}

}
