package com.settlebatch.cluster;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The manager's eye on its remote partitions while it waits for them. Spring Batch's
 * manager waits for every partition to leave STARTED, by default forever: a worker killed
 * with kill -9 would hold the run until a person came. Each partition's worker renews the
 * partition's lease ({@link PartitionClaims}); a partition claimed by a worker that is
 * gone (a process of this machine that no longer exists) or whose lease expired (any
 * machine) is marked FAILED with exit code {@value #WORKER_LOST}: never ABANDONED, which
 * Spring Batch refuses to restart. The manager then sees every partition finished, the
 * pass fails once the others have settled, and the process that launched the run restarts
 * it at once, re-running only the lost partition from its last commit. A partition nobody
 * has claimed yet is only waiting in the queue, unless no worker takes any partition of
 * the run for {@code settle.cluster.worker-wait} ({@link WorkerWait}).
 */
public class PartitionWatchdog implements StepExecutionListener {

	/** The exit code of a partition whose worker was lost. */
	public static final String WORKER_LOST = "WORKER_LOST";

	private static final Logger log = LoggerFactory.getLogger(PartitionWatchdog.class);

	private record RunningPartition(long id, String name, String status) {
	}

	private final JobRepository jobRepository;

	private final JdbcClient jdbc;

	private final JobLeases leases;

	private final String workerStep;

	private final Duration period;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "partition-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	/** One watch per manager step execution: several dates may settle at once. */
	private final Map<Long, ScheduledFuture<?>> watches = new ConcurrentHashMap<>();

	private final WorkerWait workerWait;

	PartitionWatchdog(JobRepository jobRepository, JdbcClient jdbc, JobLeases leases, String workerStep,
			ClusterProperties cluster) {
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
		this.leases = leases;
		this.workerStep = workerStep;
		this.period = cluster.partitionLease().dividedBy(3);
		this.workerWait = new WorkerWait(jobRepository, jdbc, leases, workerStep, cluster);
	}

	@Override
	public void beforeStep(StepExecution manager) {
		long jobExecutionId = manager.getJobExecutionId();
		watches.put(manager.getId(), timer.scheduleWithFixedDelay(() -> look(jobExecutionId), period.toMillis(),
				period.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	public ExitStatus afterStep(StepExecution manager) {
		ScheduledFuture<?> watch = watches.remove(manager.getId());
		if (watch != null) {
			watch.cancel(false);
		}
		workerWait.forget(manager.getJobExecutionId());
		pruneLeases(manager.getJobExecutionId());
		return null;
	}

	/**
	 * The leases of the pass's ended partitions that are left (a worker that died before
	 * deleting its own): an ended partition is never claimed again.
	 */
	private void pruneLeases(long jobExecutionId) {
		try {
			leases.prune(jdbc
				.sql("""
						SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION
						WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ? AND STATUS NOT IN ('STARTING', 'STARTED', 'STOPPING')""")
				.params(jobExecutionId, workerStep + ":%")
				.query((rs, n) -> PartitionClaims.leaseKey(rs.getLong(1)))
				.list());
		}
		catch (RuntimeException e) {
			// Left for the next pass's end: a lease row more never stops a run.
			log.warn("could not prune the partition leases of job execution {}: {}", jobExecutionId, e.toString());
		}
	}

	/**
	 * Fails the partitions of a job execution whose workers were lost, and those no
	 * worker took ({@link WorkerWait}); run by the timer.
	 */
	void look(long jobExecutionId) {
		try {
			for (RunningPartition partition : running(jobExecutionId)) {
				JobLeases.LeaseState lease = leases.state(PartitionClaims.leaseKey(partition.id()));
				boolean lost = switch (lease.holder()) {
					case GONE, EXPIRED -> true;
					// Released while still STARTED: its worker could not record the end
					// (a lost database).
					case NONE -> "STARTED".equals(partition.status());
					case ALIVE, THIS_PROCESS -> false;
				};
				if (lost) {
					fail(partition, lease);
				}
			}
			workerWait.look(jobExecutionId);
		}
		catch (RuntimeException e) {
			// The next look tries again; the manager must not lose its watch over one bad
			// query.
			log.warn("could not check the partitions of job execution {}: {}", jobExecutionId, e.toString());
		}
	}

	private List<RunningPartition> running(long jobExecutionId) {
		return jdbc.sql("""
				SELECT STEP_EXECUTION_ID, STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION
				WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ? AND STATUS IN ('STARTING', 'STARTED')""")
			.params(jobExecutionId, workerStep + ":%")
			.query((rs, n) -> new RunningPartition(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	private void fail(RunningPartition lost, JobLeases.LeaseState lease) {
		StepExecution partition = jobRepository.getStepExecution(lost.id());
		if (partition == null || !partition.getStatus().isRunning()) {
			return;
		}
		String why = lease.holder() == JobLeases.Holder.GONE ? "its process is gone"
				: lease.holder() == JobLeases.Holder.EXPIRED ? "its lease expired at " + lease.lockedUntil()
						: "it stopped without recording its end";
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(new ExitStatus(WORKER_LOST, "worker " + lease.holderName() + " was lost (" + why
				+ "); the run is restarted and settles this partition again from its last commit"));
		partition.setEndTime(LocalDateTime.now());
		try {
			jobRepository.update(partition);
		}
		catch (OptimisticLockingFailureException moved) {
			// The worker (or a new claimer) updated it meanwhile: it is not lost; look
			// again next time.
			log.info("partition {} changed while being failed; looking again", lost.name());
			return;
		}
		if (lease.holder() == JobLeases.Holder.GONE) {
			leases.releaseGone(PartitionClaims.leaseKey(lost.id()), lease.owner());
		}
		log.warn("partition {} FAILED: worker {} was lost ({})", lost.name(), lease.owner(), why);
	}

}
