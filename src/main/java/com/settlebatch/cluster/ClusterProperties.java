package com.settlebatch.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.cluster.*}: how the partitions of a settlement pass reach the threads
 * that settle them.
 *
 * @param transport {@code local}: this process settles every partition on its own thread
 * pool; {@code rabbitmq}: the manager sends one request per partition to a durable
 * RabbitMQ queue ({@code spring.rabbitmq.*}) and workers on any machine take them, all
 * sharing one PostgreSQL database
 * @param role what this node does over RabbitMQ: {@code manager} runs jobs (scheduler,
 * command line, API) and sends partitions, {@code worker} only settles partitions it
 * takes from the queue, {@code both} (the default) does both, so one node still does
 * everything
 * @param queue the durable queue of partition requests
 * @param partitionLease a worker renews its partition's lease every third of this; a
 * partition whose lease is not renewed for this long (or whose worker process is provably
 * gone) is failed by the manager and settled again, from its last commit, by an automatic
 * restart
 * @param pollInterval how often the manager reads the job repository for finished
 * partitions
 * @param restartsAfterWorkerLoss how many times a run whose partition lost its worker is
 * restarted at once, by the process that launched it, before it is left FAILED for a
 * person
 * @param workerWait how long a manager waits for a worker while no worker takes any of
 * its run's partitions (it says so in its log once a minute); then the partitions still
 * untaken fail with exit code {@code NO_WORKER}, and so does the run, until restarted
 */
@ConfigurationProperties("settle.cluster")
public record ClusterProperties(@DefaultValue("local") Transport transport, @DefaultValue("both") Role role,
		@DefaultValue("settle.partitions") String queue, @DefaultValue("30s") Duration partitionLease,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("3") int restartsAfterWorkerLoss,
		@DefaultValue("5m") Duration workerWait) {

	public enum Transport {

		LOCAL, RABBITMQ

	}

	public enum Role {

		MANAGER, WORKER, BOTH;

		public boolean manages() {
			return this != WORKER;
		}

		public boolean works() {
			return this != MANAGER;
		}

	}

	public ClusterProperties {
		if (transport == Transport.LOCAL && role != Role.BOTH) {
			throw new IllegalArgumentException("settle.cluster.role=" + role.name().toLowerCase(java.util.Locale.ROOT)
					+ " needs settle.cluster.transport=rabbitmq: with the local transport one process does everything");
		}
		if (workerWait.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("settle.cluster.worker-wait must be at least 1s, was " + workerWait);
		}
		if (partitionLease.compareTo(Duration.ofSeconds(3)) < 0) {
			throw new IllegalArgumentException(
					"settle.cluster.partition-lease must be at least 3s, was " + partitionLease);
		}
	}

}
