package com.settlebatch.retention;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Lets each package purge its own rows that nothing needs any more, one bounded slice per
 * transaction: the first package with something left removes its next slice, until none
 * has anything left. A restart asks them again, and each answers from its tables.
 */
class OwnedRowsPurger implements Tasklet {

	private final List<RetentionPurge> purges;

	private final LocalDateTime asOf;

	private final int rowsPerTransaction;

	OwnedRowsPurger(List<RetentionPurge> purges, LocalDateTime asOf, int rowsPerTransaction) {
		this.purges = purges;
		this.asOf = asOf;
		this.rowsPerTransaction = rowsPerTransaction;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		for (RetentionPurge purge : purges) {
			int removed = purge.purge(asOf, rowsPerTransaction);
			if (removed > 0) {
				contribution.incrementWriteCount(removed);
				return RepeatStatus.CONTINUABLE;
			}
		}
		return RepeatStatus.FINISHED;
	}

}
