package com.settlebatch.cluster;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.TaskExecutor;

/**
 * Builders for a partitioned step, whichever way its partitions travel
 * ({@code settle.cluster.transport}): the job's configuration describes its manager and
 * worker steps once, and this decides whether the worker runs on local threads or takes
 * requests from RabbitMQ.
 */
public interface PartitionedSteps {

	/**
	 * A builder for the worker step. Over RabbitMQ, on a node with the worker role,
	 * building the step also makes this node take requests for it, {@code concurrency} at
	 * a time. The step's bean must carry the same name: a remote request names the step
	 * to run by its bean name.
	 */
	StepBuilder worker(String name, int concurrency);

	/**
	 * A builder for the manager step that cuts the work with {@code partitioner} and has
	 * each part settled by {@code worker}: on {@code localThreads} here, or by whichever
	 * workers take the requests, waiting (by polling the job repository) until every part
	 * has finished.
	 */
	PartitionStepBuilder manager(String name, Step worker, Partitioner partitioner, TaskExecutor localThreads);

}
