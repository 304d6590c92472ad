package com.settlebatch.ingest;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Whether a file import was given any row that names a parent ({@code depends_on}),
 * recorded by {@link ImportWriter} in the execution context of the {@code importPayments}
 * step. Spring Batch commits that context with each chunk's rows, and a restarted step
 * starts from the context of the execution before, so the record covers every row stored
 * by every execution of the import.
 *
 * <p>
 * The dependency check reads every payment of the file; a file in which no payment
 * depends on another (most files) has nothing for it to find, and it is skipped only when
 * every execution of the import step says so. An execution that recorded nothing (one
 * that ran before this record existed, or an import whose writer keeps no record, such as
 * the inbox's) makes the check run.
 */
final class DependsOnRecord {

	static final String KEY = "import.dependsOnGiven";

	private DependsOnRecord() {
	}

	/** What an earlier execution of the step recorded; false on a first run. */
	static boolean given(ExecutionContext context) {
		return Boolean.TRUE.equals(context.get(KEY));
	}

	static void record(ExecutionContext context, boolean given) {
		context.put(KEY, given);
	}

	/**
	 * True only when the import step ran at least once for this job instance and each of
	 * its executions recorded that no row it was given names a parent.
	 */
	static boolean noneGiven(JobRepository jobRepository, JobInstance instance, String importStep) {
		boolean recorded = false;
		for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().equals(importStep)) {
					if (!Boolean.FALSE.equals(step.getExecutionContext().get(KEY))) {
						return false;
					}
					recorded = true;
				}
			}
		}
		return recorded;
	}

}
