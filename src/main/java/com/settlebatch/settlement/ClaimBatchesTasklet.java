package com.settlebatch.settlement;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.settlebatch.batches.BatchRepository;

/**
 * Claims every SUBMITTED batch for the run's business date: PROCESSING, stamped with the
 * date, so a restart of the same run finds exactly the batches it owns. In the same
 * transaction it builds the run's first pass of work ({@link SettlementWork}) from every
 * batch the date owns, so a claim is never committed without its work, and a claim re-run
 * after a crash builds it again.
 */
class ClaimBatchesTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ClaimBatchesTasklet.class);

	private final BatchRepository batches;

	private final SettlementWork work;

	private final LocalDate businessDate;

	ClaimBatchesTasklet(BatchRepository batches, SettlementWork work, LocalDate businessDate) {
		this.batches = batches;
		this.work = work;
		this.businessDate = businessDate;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int claimed = batches.claim(businessDate);
		contribution.incrementWriteCount(claimed);
		log.info("claimed {} submitted batch(es) for business date {}", claimed, businessDate);
		work.build(businessDate, 1);
		return RepeatStatus.FINISHED;
	}

}
