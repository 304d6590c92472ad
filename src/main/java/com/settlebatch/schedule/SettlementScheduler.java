package com.settlebatch.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Origin;
import com.settlebatch.cluster.JobLeases;
import com.settlebatch.ops.JobControl;
import com.settlebatch.ops.ScheduleProperties;
import com.settlebatch.reconciliation.Reconciliations;
import com.settlebatch.settlement.SettlementJob;
import com.settlebatch.refusal.RefusedException;

/**
 * Runs the settlement of a business date once across all nodes: under the date's lease it
 * starts the run, restarts a failed one, or recovers and restarts one whose node died
 * (its execution still STARTED, its lease expired). {@link #catchUp()} finds the dates
 * due since the last run, oldest first.
 */
@Service
public class SettlementScheduler {

	/** What one attempt to run a date did. */
	public enum Outcome {

		STARTED, RESTARTED, RECOVERED_AND_RESTARTED, ALREADY_COMPLETE, RUNNING_ELSEWHERE, ABANDONED

	}

	private static final Logger log = LoggerFactory.getLogger(SettlementScheduler.class);

	private final JobControl jobControl;

	private final JobRepository jobRepository;

	private final JobLeases leases;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ScheduleProperties properties;

	private final Reconciliations reconciliations;

	private final Audit audit;

	SettlementScheduler(JobControl jobControl, JobRepository jobRepository, JobLeases leases, JdbcClient jdbc,
			Clock clock, ScheduleProperties properties, Reconciliations reconciliations, Audit audit) {
		this.jobControl = jobControl;
		this.jobRepository = jobRepository;
		this.leases = leases;
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
		this.reconciliations = reconciliations;
		this.audit = audit;
	}

	public Outcome runFor(LocalDate businessDate) {
		JobLeases.Held lease = holdTakingOverFromTheGone(businessDate);
		if (lease == null) {
			log.info("settlement {} is being run by another process or node", businessDate);
			return Outcome.RUNNING_ELSEWHERE;
		}
		try (lease) {
			JobExecution last = jobRepository.getLastJobExecution(SettlementJob.NAME,
					SettlementJob.parameters(businessDate));
			if (last == null) {
				return report(businessDate, Outcome.STARTED, jobControl.settle(businessDate));
			}
			return switch (last.getStatus()) {
				case COMPLETED -> Outcome.ALREADY_COMPLETE;
				case ABANDONED -> Outcome.ABANDONED;
				case FAILED, STOPPED -> report(businessDate, Outcome.RESTARTED, jobControl.restart(last.getId()));
				// Every live run holds this lease and renews it; we got it, so whoever
				// left it running is gone.
				// Its workers may still settle what it sent them: they finish first.
				case STARTING, STARTED, STOPPING, UNKNOWN -> {
					jobControl.awaitLiveWorkers(last.getId());
					jobControl.recover(last.getId());
					yield report(businessDate, Outcome.RECOVERED_AND_RESTARTED, jobControl.restart(last.getId()));
				}
			};
		}
		catch (InterruptedException stopping) {
			Thread.currentThread().interrupt();
			return Outcome.RUNNING_ELSEWHERE;
		}
		catch (RefusedException refused) {
			// Another node won a race inside Spring Batch (instance already created or
			// running).
			log.info("settlement {} not run here: {}", businessDate, refused.getMessage());
			return Outcome.RUNNING_ELSEWHERE;
		}
	}

	/**
	 * The date's lease; when its holder is provably gone (a process of this machine whose
	 * pid is dead: a manager killed and started again), at once rather than after the
	 * lease expires.
	 */
	private JobLeases.Held holdTakingOverFromTheGone(LocalDate businessDate) {
		String key = JobControl.settlementLeaseKey(businessDate);
		JobLeases.Held lease = leases.hold(key, properties.lease());
		if (lease == null) {
			JobLeases.LeaseState holder = leases.state(key);
			if (holder.holder() == JobLeases.Holder.GONE) {
				log.info("settlement {}: the process that held it ({}) is gone; taking it over", businessDate,
						holder.owner());
				leases.releaseGone(key, holder.owner());
				lease = leases.hold(key, properties.lease());
			}
		}
		return lease;
	}

	/**
	 * Dates whose scheduled time has passed and that still need a run: every date after
	 * the most recent one ever run (missed while down), plus earlier dates in the window
	 * whose run did not complete. With no run at all yet, only today.
	 */
	public List<LocalDate> dueDates() {
		LocalDate today = LocalDate.now(clock.withZone(properties.zoneId()));
		LocalDate lastRun = jdbc.sql("""
				SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ?""")
			.params(SettlementJob.NAME, SettlementJob.BUSINESS_DATE)
			.query(String.class)
			.optional()
			.map(LocalDate::parse)
			.orElse(today.minusDays(1));
		List<LocalDate> due = new ArrayList<>();
		for (LocalDate date = today.minusDays(properties.catchUpDays()); !date.isAfter(today); date = date
			.plusDays(1)) {
			if (!scheduledTimePassed(date)) {
				continue;
			}
			JobExecution last = jobRepository.getLastJobExecution(SettlementJob.NAME, SettlementJob.parameters(date));
			boolean missed = last == null && date.isAfter(lastRun);
			boolean unfinished = last != null && last.getStatus().isUnsuccessful() || last != null && last.isRunning();
			if (missed || unfinished) {
				due.add(date);
			}
		}
		return due;
	}

	/**
	 * Runs every due date, oldest first.
	 * @return the dates it ran (none when nothing was due)
	 */
	public List<LocalDate> catchUp() {
		List<LocalDate> due = dueDates();
		due.forEach(this::runFor);
		return due;
	}

	private boolean scheduledTimePassed(LocalDate date) {
		ZonedDateTime startOfDay = date.atStartOfDay(properties.zoneId());
		ZonedDateTime fire = CronExpression.parse(properties.cron()).next(startOfDay.minusNanos(1));
		return fire != null && fire.toLocalDate().equals(date) && !fire.isAfter(ZonedDateTime.now(clock));
	}

	/**
	 * Every launch is in the audit trail, as the scheduler's own action; a completed
	 * night is reconciled at once when configured
	 * ({@code settle.reconciliation.after-settlement}).
	 */
	private Outcome report(LocalDate date, Outcome outcome, JobExecution execution) {
		log.info("settlement {}: {} execution {} -> {}", date, outcome, execution.getId(), execution.getStatus());
		audit.record(Actor.system(Origin.SCHEDULER), "settlement." + outcome.name().toLowerCase(Locale.ROOT),
				"business date " + date + ", execution " + execution.getId(), com.settlebatch.audit.Outcome.OK,
				"ended " + execution.getStatus());
		reconciliations.afterSettlement(execution, date);
		return outcome;
	}

}
