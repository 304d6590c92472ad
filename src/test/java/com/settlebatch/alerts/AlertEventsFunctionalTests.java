package com.settlebatch.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;
import com.settlebatch.ops.ScheduleProperties;
import com.settlebatch.reports.SettlementReports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which events are recorded: a run that failed, a completed run that left payments to a
 * person, a night that missed its deadlines, seen from any node.
 */
class AlertEventsFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	private static final LocalDate DAY = LocalDate.of(2026, 12, 5);

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	Alerts alerts;

	@Autowired
	AlertProperties properties;

	@Autowired
	ExecutionQueries executionQueries;

	@Autowired
	SettlementReports reports;

	@BeforeEach
	void noReportsOfTheDayYet() throws IOException {
		FileSystemUtils.deleteRecursively(reports.folder(DAY));
	}

	@Test
	void aCompletedRunWithFailedPaymentsNamesThemWithTheirCorrelationIds() {
		// given a night where one payment's retries are exhausted
		importer.importFile(drop("day.csv", HEADER + "b-1,One,m-1,ok-1,payment,10.00,USD,acct-ok-1\n"
				+ "b-1,One,m-1,down-1,payment,5.00,USD,acct-down\n"));
		sandbox.faults().failNext("acct-down", 100, 500);

		// when it is settled
		JobExecution execution = jobControl.settle(DAY);

		// then the run completed and one event names the payment for a person
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String correlationId = jdbc.sql("SELECT correlation_id FROM payment WHERE reference_id = 'down-1'")
			.query(String.class)
			.single();
		assertThat(correlationId).isNotBlank();
		assertThat(events()).containsExactly("needs-person:" + execution.getId());
		String body = jdbc.sql("SELECT body FROM alert_event").query(String.class).single();
		assertThat(body).contains("\"type\":\"run.needs-person\"", "\"failed\":1", "\"referenceId\":\"down-1\"",
				"\"correlationId\":\"" + correlationId + "\"");
		assertThat(jdbc.sql("SELECT summary FROM alert_event").query(String.class).single())
			.contains("1 FAILED payment(s)", "down-1 (correlation " + correlationId + ")");
	}

	@Test
	void aRunThatFailsIsAnEventAndACleanNightIsNone() throws Exception {
		// given a run whose last step cannot write its summary (a folder stands in the
		// way)
		importer.importFile(drop("day.csv", HEADER + "b-1,One,m-1,ok-1,payment,10.00,USD,acct-ok-1\n"));
		Path inTheWay = reports.folder(DAY).resolve("summary.json");
		Files.createDirectories(inTheWay.resolve("x"));
		try {
			// when it runs, fails, and is restarted once the way is clear
			JobExecution failed = jobControl.settle(DAY);
			FileSystemUtils.deleteRecursively(inTheWay);
			JobExecution restarted = jobControl.restart(failed.getId());

			// then the failure is one event, the clean restart none
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(events()).containsExactly("run-failed:" + failed.getId());
			assertThat(jdbc.sql("SELECT summary FROM alert_event").query(String.class).single())
				.startsWith("settlement 2026-12-05 (execution " + failed.getId() + ") FAILED");
		}
		finally {
			FileSystemUtils.deleteRecursively(reports.folder(DAY));
		}
	}

	@Test
	void aNightThatDidNotStartIsOneEventWhateverTheNodesThatNoticeIt() {
		// given the nightly cron at 23:30 UTC, and no run for 2026-12-06
		ScheduleProperties schedule = new ScheduleProperties("0 30 23 * * *", "UTC", 7, Duration.ofMinutes(5));

		// when two nodes look shortly after the start deadline (23:45)
		watchAt(schedule, "2026-12-06T23:50:00Z").check();
		watchAt(schedule, "2026-12-06T23:51:00Z").check();

		// then one event says it did not start, and none yet that it did not finish (the
		// night before, which did not run either, is past both its deadlines)
		assertThat(events()).containsExactly("missed-finish:2026-12-05", "missed-start:2026-12-05",
				"missed-start:2026-12-06");

		// when they look again after the finish deadline (05:30 the next morning)
		watchAt(schedule, "2026-12-07T05:31:00Z").check();
		watchAt(schedule, "2026-12-07T05:32:00Z").check();

		// then that is one more event
		assertThat(events()).contains("missed-start:2026-12-06", "missed-finish:2026-12-06").hasSize(4);
	}

	@Test
	void aNightThatCompletedInTimeIsNoEvent() {
		// given the date's run completed
		importer.importFile(drop("day.csv", HEADER + "b-1,One,m-1,ok-1,payment,10.00,USD,acct-ok-1\n"));
		assertThat(jobControl.settle(DAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		ScheduleProperties schedule = new ScheduleProperties("0 30 23 * * *", "UTC", 7, Duration.ofMinutes(5));

		// when a node looks after both deadlines
		watchAt(schedule, "2026-12-06T06:00:00Z").check();

		// then there is nothing to tell
		assertThat(events()).isEmpty();
	}

	@Test
	void aRunWhosePartitionsNoWorkerTookForTooLongIsOneEvent() throws Exception {
		// given a running settlement whose two partitions were sent and never taken
		JobParameters parameters = new JobParametersBuilder().addString("businessDate", "2026-12-05").toJobParameters();
		JobExecution running = jobRepository.createJobExecution(
				jobRepository.createJobInstance("settlement", parameters), parameters, new ExecutionContext());
		running.setStatus(BatchStatus.STARTED);
		running.setStartTime(LocalDateTime.now());
		jobRepository.update(running);
		for (String partition : List.of("pass1.part001", "pass1.part002")) {
			StepExecution sent = jobRepository.createStepExecution("settlePaymentsWorker:" + partition, running);
			sent.setStatus(BatchStatus.STARTING);
			jobRepository.update(sent);
		}
		// and no night scheduled in these days: only the workers are looked at
		ScheduleProperties newYearOnly = new ScheduleProperties("0 0 0 1 1 *", "", 7, Duration.ofMinutes(5));

		// when nodes look a minute later, then after the worker wait (2m)
		watchAfter(newYearOnly, Duration.ofMinutes(1)).check();
		assertThat(events()).isEmpty();
		watchAfter(newYearOnly, Duration.ofMinutes(3)).check();
		watchAfter(newYearOnly, Duration.ofMinutes(4)).check();

		// then the run is one event
		assertThat(events()).containsExactly("waiting-for-worker:" + running.getId());
	}

	private NightWatch watchAfter(ScheduleProperties schedule, Duration later) {
		return new NightWatch(jobRepository, executionQueries, jdbc, alerts, schedule, properties,
				Clock.offset(Clock.systemDefaultZone(), later));
	}

	private NightWatch watchAt(ScheduleProperties schedule, String instant) {
		return new NightWatch(jobRepository, executionQueries, jdbc, alerts, schedule, properties,
				Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
	}

	private List<String> events() {
		return jdbc.sql("SELECT id FROM alert_event ORDER BY id").query(String.class).list();
	}

}
