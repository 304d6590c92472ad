package com.settlebatch.cluster;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Local partitioning unless {@code settle.cluster.transport=rabbitmq}
 * ({@link RemotePartitioningConfig}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfig {

	@Bean
	@ConditionalOnProperty(name = "settle.cluster.transport", havingValue = "local", matchIfMissing = true)
	PartitionedSteps localPartitionedSteps(JobRepository jobRepository) {
		return new LocalPartitionedSteps(jobRepository);
	}

}
