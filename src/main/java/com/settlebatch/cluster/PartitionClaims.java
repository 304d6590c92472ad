package com.settlebatch.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * A partition runs once at a time, whatever the broker does. Spring Batch's
 * {@code StepExecutionRequestHandler} runs any request it is handed, also for a partition
 * that already COMPLETED or that a restart replaced, and RabbitMQ hands a request again
 * when its consumer died or outlived the consumer time-out. So a worker first claims the
 * partition: it runs only a partition still STARTING (never taken) of a job execution
 * still running, and only under the partition's lease in the shared database, renewed
 * while it runs ({@link JobLeases}, the same liveness the manager's
 * {@link PartitionWatchdog} reads). Anything else is dropped, and said so in the log: a
 * duplicate, a redelivery of a partition whose worker died (the watchdog fails it and the
 * run restarts it), a request left over from an execution recovered since.
 *
 * <p>
 * Claimed by the filter in front of the worker's channel; released by this interceptor on
 * that channel once the handler has returned, however the partition ended, its lease's
 * row deleted: a partition is never claimed again once it has ended.
 */
public class PartitionClaims implements ChannelInterceptor {

	private static final Logger log = LoggerFactory.getLogger(PartitionClaims.class);

	private final JobRepository jobRepository;

	private final JobLeases leases;

	private final Duration lease;

	private final Map<Long, JobLeases.Held> held = new ConcurrentHashMap<>();

	PartitionClaims(JobRepository jobRepository, JobLeases leases, Duration lease) {
		this.jobRepository = jobRepository;
		this.leases = leases;
		this.lease = lease;
	}

	/** The lease a worker holds while it runs the partition of this step execution. */
	public static String leaseKey(long stepExecutionId) {
		return "partition:" + stepExecutionId;
	}

	/**
	 * @return whether this worker now holds the partition and may run it
	 */
	boolean claim(StepExecutionRequest request) {
		long id = request.getStepExecutionId();
		if (!runnable(id)) {
			return false;
		}
		JobLeases.Held claim = leases.hold(leaseKey(id), lease);
		if (claim == null) {
			log.warn("partition request {} dropped: another worker holds partition {}", request, id);
			return false;
		}
		// Another worker may have claimed, run and released it between the check and our
		// claim.
		if (!runnable(id)) {
			claim.closeForGood();
			return false;
		}
		held.put(id, claim);
		log.info("partition {} ({}) claimed", id, request.getStepName());
		return true;
	}

	private boolean runnable(long id) {
		StepExecution partition;
		try {
			partition = jobRepository.getStepExecution(id);
		}
		catch (EmptyResultDataAccessException unknown) {
			partition = null;
		}
		if (partition == null) {
			log.warn("partition request dropped: no step execution {}", id);
			return false;
		}
		if (partition.getStatus() != BatchStatus.STARTING) {
			log.warn("partition request dropped: partition {} ({}) is {}, not waiting to start (a duplicate, or a "
					+ "redelivery after its worker died)", id, partition.getStepName(), partition.getStatus());
			return false;
		}
		BatchStatus job = partition.getJobExecution().getStatus();
		if (!job.isRunning()) {
			log.warn("partition request dropped: partition {} belongs to job execution {}, which is {}", id,
					partition.getJobExecutionId(), job);
			return false;
		}
		return true;
	}

	@Override
	public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
		if (message.getPayload() instanceof StepExecutionRequest request) {
			JobLeases.Held claim = held.remove(request.getStepExecutionId());
			if (claim != null) {
				claim.closeForGood();
			}
		}
	}

}
