package com.settlebatch.settlement;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Drops a date's work set once its run completed: a failed run leaves it to its restart.
 */
final class ForgetCompletedWork implements JobExecutionListener {

	private final SettlementWork work;

	ForgetCompletedWork(SettlementWork work) {
		this.work = work;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
			work.clear(SettlementJob.businessDate(jobExecution.getJobParameters()));
		}
	}

}
