package com.settlebatch.cluster;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.TaskExecutor;

/**
 * One node settles every partition on its own thread pool (Spring Batch's
 * {@code TaskExecutorPartitionHandler}). A partition whose thread dies dies with the
 * whole process, so nothing needs watching beyond the date's lease.
 */
class LocalPartitionedSteps implements PartitionedSteps {

	private final JobRepository jobRepository;

	LocalPartitionedSteps(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public StepBuilder worker(String name, int concurrency) {
		return new StepBuilder(name, jobRepository);
	}

	@Override
	public PartitionStepBuilder manager(String name, Step worker, Partitioner partitioner, TaskExecutor localThreads) {
		return new StepBuilder(name, jobRepository).partitioner(worker.getName(), partitioner)
			.step(worker)
			.taskExecutor(localThreads);
	}

}
