package com.settlebatch.cluster;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code settle.cluster.transport=rabbitmq}: partition requests travel through a durable
 * RabbitMQ queue ({@code spring.rabbitmq.*}, AMQP 0-9-1) between a manager and any number
 * of workers that share one PostgreSQL database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "settle.cluster.transport", havingValue = "rabbitmq")
@EnableBatchIntegration
class RemotePartitioningConfig {

	/**
	 * The only class a partition request may be read as: never Java deserialization from
	 * the network.
	 */
	private static final String REQUEST_PACKAGE = "org.springframework.batch.integration.partition";

	RemotePartitioningConfig(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (url.startsWith("jdbc:h2:")) {
			throw new IllegalStateException("settle.cluster.transport=rabbitmq needs the shared PostgreSQL database "
					+ "(SPRING_PROFILES_ACTIVE=postgres and SETTLE_DB_URL): an H2 file cannot be shared between "
					+ "machines, so a manager and its workers would each settle from a database the others cannot see");
		}
	}

	@Bean
	Queue partitionRequestQueue(ClusterProperties cluster) {
		return QueueBuilder.durable(cluster.queue()).build();
	}

	/**
	 * Boot's RabbitTemplate takes it too: a request is
	 * {"stepExecutionId":…,"stepName":…}.
	 */
	@Bean
	JacksonJsonMessageConverter partitionRequestConverter() {
		return new JacksonJsonMessageConverter(REQUEST_PACKAGE);
	}

	@Bean
	DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	/**
	 * Persistent messages, each confirmed by the broker before the manager moves on: a
	 * request the broker never stored would leave its partition waiting for ever, so a
	 * refused or unconfirmed send fails the pass instead.
	 */
	@Bean
	IntegrationFlow partitionRequestsToRabbit(DirectChannel partitionRequests, RabbitTemplate rabbitTemplate,
			ClusterProperties cluster) {
		AmqpOutboundEndpoint toQueue = new AmqpOutboundEndpoint(rabbitTemplate);
		toQueue.setRoutingKey(cluster.queue());
		toQueue.setWaitForConfirm(true);
		toQueue.setConfirmTimeout(cluster.partitionLease().toMillis());
		return IntegrationFlow.from(partitionRequests).handle(toQueue).get();
	}

	@Bean
	PartitionClaims partitionClaims(JobRepository jobRepository, JobLeases leases, ClusterProperties cluster) {
		return new PartitionClaims(jobRepository, leases, cluster.partitionLease());
	}

	@Bean
	PartitionedSteps remotePartitionedSteps(RemotePartitioningManagerStepBuilderFactory managers,
			RemotePartitioningWorkerStepBuilderFactory workers, JobRepository jobRepository,
			IntegrationFlowContext flows, ConnectionFactory rabbit,
			JacksonJsonMessageConverter partitionRequestConverter, DirectChannel partitionRequests,
			PartitionClaims partitionClaims, JdbcClient jdbc, JobLeases leases, ClusterProperties cluster) {
		return new RemotePartitionedSteps(managers, workers, jobRepository, flows, rabbit, partitionRequestConverter,
				partitionRequests, partitionClaims, jdbc, leases, cluster);
	}

}
