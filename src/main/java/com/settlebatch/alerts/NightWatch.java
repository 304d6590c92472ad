package com.settlebatch.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.ops.ScheduleProperties;
import com.settlebatch.settlement.SettlementJob;

/**
 * What only another process can tell: the nightly run did not start, or did not finish,
 * by its deadline (the scheduler's own process may be the one that died), and a run waits
 * for a worker that does not come. Checked from every node that is up ({@link Watchman});
 * the events' ids (the date, the execution) make the many nodes that notice one thing one
 * event.
 */
@Component
class NightWatch {

	private final JobRepository jobRepository;

	private final ExecutionQueries executions;

	private final JdbcClient jdbc;

	private final Alerts alerts;

	private final ScheduleProperties schedule;

	private final AlertProperties properties;

	private final Clock clock;

	NightWatch(JobRepository jobRepository, ExecutionQueries executions, JdbcClient jdbc, Alerts alerts,
			ScheduleProperties schedule, AlertProperties properties, Clock clock) {
		this.jobRepository = jobRepository;
		this.executions = executions;
		this.jdbc = jdbc;
		this.alerts = alerts;
		this.schedule = schedule;
		this.properties = properties;
		this.clock = clock;
	}

	/** Every check once. */
	void check() {
		ZonedDateTime now = ZonedDateTime.now(clock.withZone(schedule.zoneId()));
		LocalDate today = now.toLocalDate();
		// Yesterday's night may end this morning.
		for (LocalDate date : List.of(today.minusDays(1), today)) {
			checkNight(date, now);
		}
		checkWorkers(now.toOffsetDateTime());
	}

	private void checkNight(LocalDate date, ZonedDateTime now) {
		ZonedDateTime fire = scheduledFiring(date);
		if (fire == null) {
			return;
		}
		AlertProperties.Nightly nightly = properties.nightly();
		JobExecution last = jobRepository.getLastJobExecution(SettlementJob.NAME, SettlementJob.parameters(date));
		ZonedDateTime startBy = fire.plus(nightly.startDeadline());
		if (last == null && !now.isBefore(startBy)) {
			alerts.record(night("missed-start", date, fire, startBy, "did not start", "none"));
		}
		ZonedDateTime finishBy = fire.plus(nightly.finishDeadline());
		if ((last == null || last.getStatus() != BatchStatus.COMPLETED) && !now.isBefore(finishBy)) {
			String status = last == null ? "none" : last.getStatus() + " (execution " + last.getId() + ")";
			alerts.record(night("missed-finish", date, fire, finishBy, "did not finish", status));
		}
	}

	private static AlertEvent night(String kind, LocalDate date, ZonedDateTime fire, ZonedDateTime deadline,
			String what, String status) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("businessDate", date.toString());
		data.put("scheduled", fire.toOffsetDateTime().toString());
		data.put("deadline", deadline.toOffsetDateTime().toString());
		data.put("lastExecution", status);
		return new AlertEvent(kind + ":" + date, "nightly." + kind, "the nightly settlement of " + date + " " + what
				+ " by " + deadline.toOffsetDateTime() + " (last execution: " + status + ")", data);
	}

	/** The cron's firing on that date, or null when it does not fire that day. */
	private ZonedDateTime scheduledFiring(LocalDate date) {
		ZonedDateTime startOfDay = date.atStartOfDay(schedule.zoneId());
		ZonedDateTime fire = CronExpression.parse(schedule.cron()).next(startOfDay.minusNanos(1));
		return fire != null && fire.toLocalDate().equals(date) ? fire : null;
	}

	/**
	 * Every running job execution whose partitions have waited for a worker longer than
	 * {@code settle.alerts.worker-wait}.
	 */
	private void checkWorkers(OffsetDateTime now) {
		List<Long> running = jdbc
			.sql("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED') "
					+ "ORDER BY JOB_EXECUTION_ID")
			.query(Long.class)
			.list();
		Duration wait = properties.workerWait();
		for (long id : running) {
			executions.waitingForWorkerSince(id)
				.filter(since -> !now.isBefore(since.plus(wait)))
				.ifPresent(since -> alerts.record(waiting(id, since, wait)));
		}
	}

	private static AlertEvent waiting(long executionId, OffsetDateTime since, Duration wait) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("executionId", executionId);
		data.put("waitingSince", since.toString());
		return new AlertEvent("waiting-for-worker:" + executionId, "run.waiting-for-worker",
				"job execution " + executionId + " has waited for a worker since " + since + " (more than " + wait
						+ "): start one with `settle worker`",
				data);
	}

}
