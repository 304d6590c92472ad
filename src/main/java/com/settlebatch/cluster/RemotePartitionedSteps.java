package com.settlebatch.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.MessageChannel;

/**
 * Partitions over RabbitMQ, on Spring Batch's remote partitioning. The manager sends one
 * {@link StepExecutionRequest} per partition and polls the shared job repository until
 * every partition has finished (not the reply-aggregation mode, which mixes up concurrent
 * job executions, #4945, and never completes after a manager restart, #4011), with a
 * {@link PartitionWatchdog} failing partitions whose worker was lost. A worker takes
 * requests {@code concurrency} at a time with a prefetch of one (a worker busy with a
 * partition does not sit on the next one while another idles), claims each
 * ({@link PartitionClaims}) and hands it to Spring Batch's request handler. The request
 * is acknowledged once its partition has ended, so a request taken by a worker that dies
 * before claiming it goes to another worker.
 * <p>
 * A worker starts consuming only once the application is ready: a consumer started while
 * the context is still refreshing is handed requests it cannot yet dispatch, and a worker
 * joining a busy queue would reject and requeue hundreds of them.
 */
class RemotePartitionedSteps implements PartitionedSteps, ApplicationListener<ApplicationReadyEvent> {

	private final RemotePartitioningManagerStepBuilderFactory managers;

	private final RemotePartitioningWorkerStepBuilderFactory workers;

	private final JobRepository jobRepository;

	private final IntegrationFlowContext flows;

	private final ConnectionFactory rabbit;

	private final MessageConverter converter;

	private final MessageChannel requests;

	private final PartitionClaims claims;

	private final JdbcClient jdbc;

	private final JobLeases leases;

	private final ClusterProperties cluster;

	private final List<IntegrationFlowRegistration> consumers = new CopyOnWriteArrayList<>();

	RemotePartitionedSteps(RemotePartitioningManagerStepBuilderFactory managers,
			RemotePartitioningWorkerStepBuilderFactory workers, JobRepository jobRepository,
			IntegrationFlowContext flows, ConnectionFactory rabbit, MessageConverter converter, MessageChannel requests,
			PartitionClaims claims, JdbcClient jdbc, JobLeases leases, ClusterProperties cluster) {
		this.managers = managers;
		this.workers = workers;
		this.jobRepository = jobRepository;
		this.flows = flows;
		this.rabbit = rabbit;
		this.converter = converter;
		this.requests = requests;
		this.claims = claims;
		this.jdbc = jdbc;
		this.leases = leases;
		this.cluster = cluster;
	}

	@Override
	public StepBuilder worker(String name, int concurrency) {
		if (!cluster.role().works()) {
			// A manager alone still needs the step's name; it never runs it.
			return new StepBuilder(name, jobRepository);
		}
		DirectChannel claimed = new DirectChannel();
		claimed.addInterceptor(claims);
		IntegrationFlow fromQueue = IntegrationFlow
			.from(Amqp.inboundAdapter(rabbit, cluster.queue())
				.configureContainer(container -> container.prefetchCount(1).concurrentConsumers(concurrency))
				.messageConverter(converter))
			// PartitionClaims says why a request is dropped; the filter need not warn
			// again.
			.filter(StepExecutionRequest.class, claims::claim, filter -> filter.discardChannel("nullChannel"))
			.channel(claimed)
			.get();
		consumers.add(flows.registration(fromQueue).id(name + ".requests").autoStartup(false).register());
		return workers.get(name).inputChannel(claimed);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		consumers.forEach(IntegrationFlowRegistration::start);
	}

	@Override
	public PartitionStepBuilder manager(String name, Step worker, Partitioner partitioner, TaskExecutor localThreads) {
		return managers.get(name)
			.partitioner(worker.getName(), partitioner)
			.outputChannel(requests)
			.pollInterval(cluster.pollInterval().toMillis())
			.listener(new PartitionWatchdog(jobRepository, jdbc, leases, worker.getName(), cluster));
	}

}
