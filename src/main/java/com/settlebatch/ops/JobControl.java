package com.settlebatch.ops;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

import com.settlebatch.cluster.ClusterProperties;
import com.settlebatch.cluster.JobLeases;
import com.settlebatch.cluster.PartitionClaims;
import com.settlebatch.cluster.PartitionWatchdog;
import com.settlebatch.refusal.RefusedException;
import com.settlebatch.retention.SettledDates;
import com.settlebatch.settlement.SettlementJob;

/**
 * Launching and operating job executions, with every Spring Batch refusal turned into a
 * clear message and the {@link RefusedException.Kind kind} of refusal it is. Runs
 * synchronously: the caller gets the finished execution.
 */
@Service
public class JobControl {

	private static final Logger log = LoggerFactory.getLogger(JobControl.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job settlementJob;

	private final JobLeases leases;

	private final Duration leaseTtl;

	private final ClusterProperties cluster;

	private final SettledDates settledDates;

	JobControl(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("settlementJob") Job settlementJob,
			JobLeases leases, ScheduleProperties schedule, ClusterProperties cluster, SettledDates settledDates) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.settlementJob = settlementJob;
		this.leases = leases;
		this.leaseTtl = schedule.lease();
		this.cluster = cluster;
		this.settledDates = settledDates;
	}

	/**
	 * Settles a business date under its lease, whoever asks (command line, API,
	 * scheduler, file drop): one process at a time per date, across nodes.
	 */
	public JobExecution settle(LocalDate businessDate) {
		if (!cluster.role().manages()) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					"this node is a worker (settle.cluster.role=worker): it "
							+ "settles the partitions a manager sends; run settlement " + businessDate
							+ " on a manager");
		}
		try (JobLeases.Held lease = settlementLease(businessDate)) {
			refuseWhenSettled(businessDate);
			return restartedWhileWorkersWereLost(start(settlementJob, SettlementJob.parameters(businessDate)));
		}
	}

	/**
	 * A date settled stays settled after retention has pruned its run's metadata, which
	 * Spring Batch would otherwise take for a date never run: nothing is sent.
	 */
	private void refuseWhenSettled(LocalDate businessDate) {
		if (settledDates.contains(businessDate)) {
			throw new RefusedException(RefusedException.Kind.CONFLICT, "settlement " + businessDate
					+ " is already complete (recorded in settled_date): a completed settlement is never run again");
		}
	}

	/**
	 * A pass whose partition lost its worker (kill -9, a dead machine) fails once every
	 * other partition has settled; restarting it at once re-runs only the lost partition,
	 * from its last commit, on the workers that remain. Bounded: a run that keeps losing
	 * workers is left FAILED for a person, with the lost workers in its partitions' exit
	 * messages.
	 */
	private JobExecution restartedWhileWorkersWereLost(JobExecution execution) {
		for (int restarts = 0; restarts < cluster.restartsAfterWorkerLoss() && lostAWorker(execution); restarts++) {
			log.warn("execution {} lost a worker; restarting it ({} of at most {})", execution.getId(), restarts + 1,
					cluster.restartsAfterWorkerLoss());
			try {
				execution = jobOperator.restart(execution);
			}
			catch (JobRestartException e) {
				throw new RefusedException(RefusedException.Kind.FAILED, "execution " + execution.getId()
						+ " lost a worker and could not be restarted: " + e.getMessage(), e);
			}
		}
		return execution;
	}

	private boolean lostAWorker(JobExecution execution) {
		return execution.getStatus() == BatchStatus.FAILED && jobRepository.getJobExecution(execution.getId())
			.getStepExecutions()
			.stream()
			.anyMatch(step -> PartitionWatchdog.WORKER_LOST.equals(step.getExitStatus().getExitCode()));
	}

	/**
	 * The lease key of a business date's settlement, shared by every way of launching it.
	 */
	public static String settlementLeaseKey(LocalDate businessDate) {
		return "settlement:" + businessDate;
	}

	private JobLeases.Held settlementLease(LocalDate businessDate) {
		return lease(settlementLeaseKey(businessDate), "settlement " + businessDate);
	}

	/**
	 * @param what the run, as a refusal names it
	 * @return the held lease
	 * @throws RefusedException (a conflict) while another process or node holds it
	 */
	private JobLeases.Held lease(String key, String what) {
		JobLeases.Held lease = leases.hold(key, leaseTtl);
		if (lease == null) {
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					what + " is being run by another process or node");
		}
		return lease;
	}

	/**
	 * Starts a job that must not run twice at once for one key (a date's reconciliation)
	 * in any process or node: refused while another holds the key's lease. The lease's
	 * row goes with the run, since a key is taken again only by a later run.
	 * @param what the run, as a refusal names it
	 */
	public JobExecution startAlone(String leaseKey, String what, Job job, JobParameters parameters) {
		JobLeases.Held lease = lease(leaseKey, what);
		try {
			return start(job, parameters);
		}
		finally {
			lease.closeForGood();
		}
	}

	public JobExecution start(Job job, JobParameters parameters) {
		try {
			return jobOperator.start(job, parameters);
		}
		catch (JobExecutionAlreadyRunningException e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					job.getName() + " " + describe(parameters) + " is already running", e);
		}
		catch (JobInstanceAlreadyCompleteException e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					job.getName() + " " + describe(parameters) + " already completed; it runs once", e);
		}
		catch (JobRestartException e) {
			throw new RefusedException(RefusedException.Kind.FAILED, e.getMessage(), e);
		}
		catch (Exception e) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT, job.getName() + ": " + e.getMessage(), e);
		}
	}

	public JobExecution restart(long executionId) {
		JobExecution execution = execution(executionId);
		refuseWhenComplete(execution, null);
		LocalDate businessDate = SettlementJob.businessDate(execution.getJobParameters());
		// Spring Batch 6 does not guard concurrent restarts of one execution (#5397): the
		// lease does.
		try (JobLeases.Held lease = businessDate == null ? null : settlementLease(businessDate)) {
			return restartedWhileWorkersWereLost(jobOperator.restart(execution));
		}
		catch (JobRestartException e) {
			refuseWhenComplete(execution, e);
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					"execution " + executionId + " cannot be restarted: " + e.getMessage(), e);
		}
		catch (IllegalStateException e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					"execution " + executionId + " cannot be restarted: " + e.getMessage(), e);
		}
	}

	/**
	 * Spring Batch refuses to restart a job instance that has completed with a paragraph
	 * about identifying parameters; said here in one line, naming the execution that
	 * completed it (the one asked for, or a later restart of it).
	 */
	private void refuseWhenComplete(JobExecution execution, JobRestartException refusal) {
		jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.filter(done -> done.getStatus() == BatchStatus.COMPLETED)
			.findFirst()
			.ifPresent(done -> {
				LocalDate businessDate = SettlementJob.businessDate(execution.getJobParameters());
				String what = businessDate != null ? "settlement " + businessDate
						: execution.getJobInstance().getJobName() + " " + describe(execution.getJobParameters());
				throw new RefusedException(RefusedException.Kind.CONFLICT,
						what + " is already complete (execution " + done.getId() + "): a completed "
								+ (businessDate != null ? "settlement" : "job") + " is never run again",
						refusal);
			});
	}

	public JobExecution stop(long executionId) {
		try {
			jobOperator.stop(execution(executionId));
			return execution(executionId);
		}
		catch (JobExecutionNotRunningException e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT, "execution " + executionId + " is not running",
					e);
		}
	}

	public JobExecution abandon(long executionId) {
		try {
			return jobOperator.abandon(execution(executionId));
		}
		catch (JobExecutionAlreadyRunningException e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT, "execution " + executionId
					+ " is running; stop it first, or `settle recover` it if its process died", e);
		}
	}

	/**
	 * For an execution left STARTED by a killed process (kill -9): marks it FAILED so it
	 * can be restarted, and frees its date's lease, which the dead process can no longer
	 * renew. Refused (a conflict) while the settlement's lease says its process lives:
	 * recovering a live run would make it die on its next update and leave it UNKNOWN.
	 */
	public JobExecution recover(long executionId) {
		JobExecution execution = execution(executionId);
		LocalDate businessDate = SettlementJob.businessDate(execution.getJobParameters());
		JobLeases.LeaseState lease = businessDate == null ? null : leases.state(settlementLeaseKey(businessDate));
		if (lease != null && lease.holder() == JobLeases.Holder.ALIVE) {
			log.info("recover {} refused: lease of settlement {} held by {}", executionId, businessDate, lease.owner());
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					"execution " + executionId + " is running: " + lease.holderName() + " holds settlement "
							+ businessDate + " until " + lease.lockedUntil()
							+ " and renews it. recover is only for an execution whose process is gone: "
							+ "stop it with `settle stop " + executionId
							+ "`; if its node died, recover it once that lease " + "has expired");
		}
		refuseWhileAWorkerLives(execution);
		// Spring Batch's recover leaves an UNKNOWN execution as it is, and will not
		// restart one.
		JobExecution recovered = execution.getStatus() == BatchStatus.UNKNOWN ? recoverUnknown(execution)
				: jobOperator.recover(execution);
		if (lease != null && lease.holder() == JobLeases.Holder.GONE) {
			leases.releaseGone(settlementLeaseKey(businessDate), lease.owner());
		}
		return recovered;
	}

	/**
	 * The manager may be gone while workers still settle its partitions: failing those
	 * would leave a live worker settling a partition that a restart hands to another.
	 * Wait for them instead.
	 */
	private void refuseWhileAWorkerLives(JobExecution execution) {
		liveWorker(execution).ifPresent(worker -> {
			log.info("recover {} refused: {}", execution.getId(), worker.inLog());
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					"execution " + execution.getId() + " is still being settled: " + worker
							+ ". Recover it once its partitions have ended, or their "
							+ "workers' leases have expired");
		});
	}

	/**
	 * Waits while workers still settle partitions of an execution whose manager is gone:
	 * they finish what was sent (and what is still queued), and a dead worker's lease
	 * expires, so the wait ends with the work left, never on a status a dead process can
	 * no longer change.
	 */
	public void awaitLiveWorkers(long executionId) throws InterruptedException {
		Optional<LiveWorker> worker;
		while ((worker = liveWorker(execution(executionId))).isPresent()) {
			log.info("execution {} waits for its workers before it is recovered: {}", executionId,
					worker.get().inLog());
			Thread.sleep(cluster.partitionLease().toMillis() / 3);
		}
	}

	/** A worker still settling a partition: said with its pid and host, logged whole. */
	private record LiveWorker(String partition, JobLeases.LeaseState lease) {

		@Override
		public String toString() {
			return "worker " + lease.holderName() + " runs partition " + partition + " and renews its lease (until "
					+ lease.lockedUntil() + ")";
		}

		String inLog() {
			return this + ", lease owner " + lease.owner();
		}

	}

	private Optional<LiveWorker> liveWorker(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (!step.getStatus().isRunning()) {
				continue;
			}
			JobLeases.LeaseState worker = leases.state(PartitionClaims.leaseKey(step.getId()));
			if (worker.holder() == JobLeases.Holder.ALIVE || worker.holder() == JobLeases.Holder.THIS_PROCESS) {
				return Optional.of(new LiveWorker(step.getStepName(), worker));
			}
		}
		return Optional.empty();
	}

	/**
	 * An execution is UNKNOWN when the outcome of a commit was never known (Spring Batch
	 * 6.0.6 marks it so), or when its run died on a concurrent update of its metadata.
	 * Its process gone, it becomes FAILED like a recovered STARTED one, with its
	 * unfinished steps, so that a restart resumes from the last position known to be
	 * committed. Safe for settlement: the payments of an uncertain chunk are read again
	 * and are either final already (filtered out) or resent with their own Unique-Keys,
	 * which the gateway answers from memory without charging again.
	 */
	private JobExecution recoverUnknown(JobExecution execution) {
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
				step.setStatus(BatchStatus.FAILED);
				step.setEndTime(now);
				step.getExecutionContext().put("batch.recovered", true);
				jobRepository.update(step);
			}
		}
		execution.setStatus(BatchStatus.FAILED);
		execution.setEndTime(now);
		execution.getExecutionContext().put("batch.recovered", true);
		jobRepository.update(execution);
		log.warn("execution {} was UNKNOWN (a commit's outcome was never known); marked FAILED so that a restart "
				+ "resumes it from its last known commit", execution.getId());
		return execution;
	}

	public JobExecution execution(long executionId) {
		return execution(jobRepository, executionId);
	}

	/**
	 * One execution from any job repository (the read-only commands' lean context has one
	 * without the jobs), or NOT_FOUND.
	 */
	public static JobExecution execution(JobRepository jobRepository, long executionId) {
		JobExecution execution;
		try {
			execution = jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException unknown) {
			// Batch 6's JDBC DAO throws here instead of returning null as the interface
			// documents.
			execution = null;
		}
		if (execution == null) {
			throw new RefusedException(RefusedException.Kind.NOT_FOUND, "no job execution with id " + executionId);
		}
		return execution;
	}

	private static String describe(JobParameters parameters) {
		StringBuilder text = new StringBuilder();
		parameters.parameters()
			.stream()
			.filter(p -> p.identifying())
			.forEach(p -> text.append(text.isEmpty() ? "" : ", ").append(p.name()).append('=').append(p.value()));
		return "(" + text + ")";
	}

}
