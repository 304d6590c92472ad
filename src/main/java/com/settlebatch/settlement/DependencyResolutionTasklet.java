package com.settlebatch.settlement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Between two passes. Seed 002: a child is never executed when its parent fails. Every PENDING
 * payment whose parent ended DECLINED, FAILED, SKIPPED or CANCELLED becomes SKIPPED with
 * DEPENDENCY_FAILED, repeated until no more change so that whole chains fall at once. Counted as
 * FILTER_COUNT: a business decision not to send, not an error. Then it builds the next pass of
 * work from what became eligible (children of parents that just settled, the next payment of a
 * sequential batch), in the same transaction.
 */
class DependencyResolutionTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(DependencyResolutionTasklet.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SettlementWork work;

	private final LocalDate businessDate;

	DependencyResolutionTasklet(JdbcClient jdbc, Clock clock, SettlementWork work, LocalDate businessDate) {
		this.work = work;
		this.jdbc = jdbc;
		this.clock = clock;
		this.businessDate = businessDate;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int total = 0;
		int skipped;
		do {
			skipped = jdbc.sql("UPDATE payment SET status = 'SKIPPED', error_code = 'DEPENDENCY_FAILED', "
					+ "error_message = (SELECT 'parent ' || parent.reference_id || ' ended ' || parent.status "
					+ "FROM payment parent WHERE parent.batch_id = payment.batch_id AND parent.reference_id = payment.depends_on), "
					+ "updated_at = ? WHERE status = 'PENDING' AND depends_on IS NOT NULL "
					+ "AND batch_id IN (SELECT b.id FROM payment_batch b WHERE b.status = 'PROCESSING' AND b.business_date = ?) "
					+ "AND EXISTS (SELECT 1 FROM payment parent WHERE parent.batch_id = payment.batch_id "
					+ "AND parent.reference_id = payment.depends_on AND parent.status IN ('DECLINED', 'FAILED', 'SKIPPED', 'CANCELLED'))")
				.params(OffsetDateTime.now(clock), businessDate)
				.update();
			total += skipped;
		}
		while (skipped > 0);
		contribution.incrementFilterCount(total);
		if (total > 0) {
			log.info("{} payment(s) skipped because their parent did not settle", total);
		}
		ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
		int next = job.getInt(SettlementWork.PASS, 0) + 1;
		job.putLong(SettlementWork.PASS_SIZE, work.build(businessDate, next));
		job.putInt(SettlementWork.PASS, next);
		return RepeatStatus.FINISHED;
	}

}
