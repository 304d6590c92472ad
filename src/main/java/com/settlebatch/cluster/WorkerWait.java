package com.settlebatch.cluster;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager whose partitions no worker takes does not wait without a word. A run is
 * waiting for a worker while none of its partitions runs and some have not been taken
 * since they were sent (or since its last partition ended); the manager says so in its
 * log once a minute, with how to start a worker. After {@code settle.cluster.worker-wait}
 * of that, every partition still untaken is failed with exit code {@value #NO_WORKER}:
 * the pass and the run fail, with that reason, and a restart once workers run settles
 * them. A worker busy with other partitions of the run is no reason to fail the rest:
 * only a run that nobody serves is.
 * <p>
 * A partition is failed under its own lease, the one a worker claims it with
 * ({@link PartitionClaims}), so a worker that takes it at that very moment either got it
 * first (and the manager leaves it) or finds it failed and drops the request.
 */
class WorkerWait {

	/** The exit code of a partition no worker took within the worker wait. */
	static final String NO_WORKER = "NO_WORKER";

	private static final Logger log = LoggerFactory.getLogger(WorkerWait.class);

	private static final Duration LOG_EVERY = Duration.ofMinutes(1);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JobRepository jobRepository;

	private final JdbcClient jdbc;

	private final JobLeases leases;

	private final String workerStep;

	private final ClusterProperties cluster;

	/** When each waiting job execution last said so in the log. */
	private final Map<Long, LocalDateTime> told = new ConcurrentHashMap<>();

	WorkerWait(JobRepository jobRepository, JdbcClient jdbc, JobLeases leases, String workerStep,
			ClusterProperties cluster) {
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
		this.leases = leases;
		this.workerStep = workerStep;
		this.cluster = cluster;
	}

	/**
	 * Since when a job execution has waited for a worker: none of its partitions runs,
	 * some are untaken; from the later of the first untaken one's sending and the last
	 * partition's end. Empty while a partition runs or none waits.
	 */
	Optional<LocalDateTime> waitingSince(long jobExecutionId) {
		return jdbc.sql("""
				SELECT MIN(CASE WHEN STATUS = 'STARTING' THEN CREATE_TIME END) AS FIRST_SENT,
				       MAX(END_TIME) AS LAST_ENDED,
				       SUM(CASE WHEN STATUS IN ('STARTED', 'STOPPING') THEN 1 ELSE 0 END) AS RUNNING
				FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ?""")
			.params(jobExecutionId, workerStep + ":%")
			.query((rs, n) -> {
				LocalDateTime firstSent = rs.getObject("FIRST_SENT", LocalDateTime.class);
				LocalDateTime lastEnded = rs.getObject("LAST_ENDED", LocalDateTime.class);
				if (firstSent == null || rs.getLong("RUNNING") > 0) {
					return Optional.<LocalDateTime>empty();
				}
				return Optional.of(lastEnded != null && lastEnded.isAfter(firstSent) ? lastEnded : firstSent);
			})
			.single();
	}

	/**
	 * Says the run waits, once a minute, or fails its untaken partitions once it is time.
	 */
	void look(long jobExecutionId) {
		Optional<LocalDateTime> since = waitingSince(jobExecutionId);
		if (since.isEmpty()) {
			told.remove(jobExecutionId);
			return;
		}
		LocalDateTime now = LocalDateTime.now();
		LocalDateTime deadline = since.get().plus(cluster.workerWait());
		List<Long> untaken = untaken(jobExecutionId);
		if (!now.isBefore(deadline)) {
			String reason = reason(jobExecutionId, since.get());
			untaken.forEach(partition -> fail(partition, reason));
			told.remove(jobExecutionId);
			return;
		}
		LocalDateTime last = told.get(jobExecutionId);
		if (last == null || !now.isBefore(last.plus(LOG_EVERY))) {
			told.put(jobExecutionId, now);
			log.warn(
					"job execution {} is waiting for a worker since {}: no worker has taken its {} partition(s) "
							+ "from queue {}; start one with `settle worker` (same database and broker). Untaken at {} "
							+ "(settle.cluster.worker-wait {}), they fail as {}",
					jobExecutionId, TIME.format(since.get()), untaken.size(), cluster.queue(), TIME.format(deadline),
					human(cluster.workerWait()), NO_WORKER);
		}
	}

	/** Forgets what it said of a job execution whose pass has ended. */
	void forget(long jobExecutionId) {
		told.remove(jobExecutionId);
	}

	private List<Long> untaken(long jobExecutionId) {
		return jdbc
			.sql("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ? "
					+ "AND STATUS = 'STARTING' ORDER BY STEP_EXECUTION_ID")
			.params(jobExecutionId, workerStep + ":%")
			.query(Long.class)
			.list();
	}

	/**
	 * The same words for every partition it fails, so that the pass says them once, with
	 * the partitions they stopped.
	 */
	private String reason(long jobExecutionId, LocalDateTime since) {
		return "no worker took this run's partitions within " + human(cluster.workerWait()) + " (waiting since "
				+ TIME.format(since) + "): start one with `settle worker` (settle.cluster.transport=rabbitmq, queue "
				+ cluster.queue() + ", the same database), then `settle restart " + jobExecutionId + "`";
	}

	/**
	 * Fails one untaken partition, holding its lease so that no worker claims it
	 * meanwhile.
	 */
	private void fail(long id, String reason) {
		JobLeases.Held lease = leases.hold(PartitionClaims.leaseKey(id), cluster.partitionLease());
		if (lease == null) {
			return; // a worker has just claimed it
		}
		try {
			StepExecution partition = jobRepository.getStepExecution(id);
			if (partition == null || partition.getStatus() != BatchStatus.STARTING) {
				return;
			}
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(new ExitStatus(NO_WORKER, reason));
			partition.setEndTime(LocalDateTime.now());
			jobRepository.update(partition);
			log.warn("partition {} FAILED: {}", partition.getStepName(), reason);
		}
		catch (OptimisticLockingFailureException moved) {
			log.info("partition {} changed while being failed for want of a worker; looking again", id);
		}
		finally {
			lease.closeForGood();
		}
	}

	/** A duration as the configuration writes it: 5m, 90s, 1m30s. */
	static String human(Duration duration) {
		if (duration.toSecondsPart() == 0 && duration.toMinutes() > 0) {
			return duration.toMinutes() + "m";
		}
		return duration.toMinutes() > 0 ? duration.toMinutes() + "m" + duration.toSecondsPart() + "s"
				: duration.toSeconds() + "s";
	}

}
