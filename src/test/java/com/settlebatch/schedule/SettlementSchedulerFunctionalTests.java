package com.settlebatch.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import com.settlebatch.audit.Audit;
import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.SettlementApplication;
import com.settlebatch.cluster.JobLeases;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;
import com.settlebatch.ops.ScheduleProperties;
import com.settlebatch.reconciliation.Reconciliations;
import com.settlebatch.refusal.RefusedException;
import com.settlebatch.retention.RetentionRunner;
import com.settlebatch.sandbox.SandboxGateway;
import com.settlebatch.schedule.SettlementScheduler.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The run for a business date happens once across nodes; missed and failed dates are
 * caught up.
 */
class SettlementSchedulerFunctionalTests extends FunctionalTestSupport {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 18);

	@Autowired
	SettlementScheduler scheduler;

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	JobLeases leases;

	@Autowired
	Reconciliations reconciliations;

	@Autowired
	Audit audit;

	@Autowired
	RetentionRunner retention;

	@Autowired
	Environment environment;

	@Test
	void twoNodesFiringAtTheSameSecondRunTheDateOnce() throws Exception {
		importPayments("same-second.csv", 9);
		int chargesBefore = sandbox.ledger().chargeCount();
		try (ConfigurableApplicationContext secondNode = secondNode()) {
			slowGateways(secondNode);
			List<Outcome> outcomes = together(() -> scheduler.runFor(DAY),
					() -> secondNode.getBean(SettlementScheduler.class).runFor(DAY));

			assertThat(outcomes).containsOnlyOnce(Outcome.STARTED)
				.allMatch(o -> o == Outcome.STARTED || o == Outcome.RUNNING_ELSEWHERE || o == Outcome.ALREADY_COMPLETE);
			assertThat(executions()).isEqualTo(1);
			int charges = sandbox.ledger().chargeCount() - chargesBefore
					+ secondNode.getBean(SandboxGateway.class).ledger().chargeCount();
			assertThat(charges).as("charges on both nodes' gateways").isEqualTo(9);
		}
	}

	@Test
	void twoNodesRestartingTheSameFailedRunRestartItOnce() throws Exception {
		importPayments("restart-race.csv", 6);
		jdbc.sql(
				"ALTER TABLE payment ADD CONSTRAINT test_crash_race CHECK (status <> 'SETTLED' OR reference_id <> 'p-5')")
			.update();
		assertThat(scheduler.runFor(DAY)).isEqualTo(Outcome.STARTED);
		assertThat(jobRepository.getLastJobExecution("settlement", params(DAY)).getStatus())
			.isEqualTo(BatchStatus.FAILED);
		jdbc.sql("ALTER TABLE payment DROP CONSTRAINT test_crash_race").update();
		try (ConfigurableApplicationContext secondNode = secondNode()) {
			slowGateways(secondNode);
			List<Outcome> outcomes = together(() -> scheduler.runFor(DAY),
					() -> secondNode.getBean(SettlementScheduler.class).runFor(DAY));

			assertThat(outcomes).containsOnlyOnce(Outcome.RESTARTED);
			assertThat(executions()).isEqualTo(2);
			assertThat(jobRepository.getLastJobExecution("settlement", params(DAY)).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
		}
	}

	@Test
	void aRunStartedOutsideTheSchedulerHoldsTheLeaseSoTheSchedulerNeverRecoversItLive() throws Exception {
		importPayments("live.csv", 9);
		sandbox.faults().latency(Duration.ofMillis(300), Duration.ofMillis(300));
		ExecutorService cli = Executors.newSingleThreadExecutor();
		try {
			// Not a lambda: @SpringBatchTest would take a synthetic method returning
			// JobExecution for its own.
			Future<JobExecution> commandLineRun = cli.submit(new Callable<JobExecution>() {

				@Override
				public JobExecution call() {
					return jobControl.settle(DAY);
				}

			});
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
				JobExecution last = jobRepository.getLastJobExecution("settlement", params(DAY));
				return last != null && last.isRunning();
			});

			assertThat(scheduler.runFor(DAY)).isEqualTo(Outcome.RUNNING_ELSEWHERE);
			assertThatThrownBy(() -> jobControl.settle(DAY)).isInstanceOf(RefusedException.class)
				.hasMessageContaining("being run by another process or node");
			assertThat(commandLineRun.get().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
		finally {
			cli.shutdownNow();
		}
		assertThat(executions()).isEqualTo(1);
	}

	@Test
	void anExecutionOrphanedByADeadNodeIsRecoveredAndRestartedOnceItsLeaseIsFree() {
		importPayments("orphan.csv", 2);
		JobExecution orphan = jobRepository.createJobExecution(
				jobRepository.createJobInstance("settlement", params(DAY)), params(DAY), new ExecutionContext());
		orphan.setStatus(BatchStatus.STARTED);
		orphan.setStartTime(LocalDateTime.now());
		jobRepository.update(orphan);

		assertThat(scheduler.runFor(DAY)).isEqualTo(Outcome.RECOVERED_AND_RESTARTED);
		assertThat(jobRepository.getLastJobExecution("settlement", params(DAY)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(scheduler.runFor(DAY)).isEqualTo(Outcome.ALREADY_COMPLETE);
	}

	@Test
	void aHeldLeaseKeepsOtherNodesAway() {
		assertThat(leases.tryAcquire("settlement:" + DAY, Duration.ofMinutes(5))).isTrue();
		try (ConfigurableApplicationContext secondNode = secondNode()) {
			assertThat(secondNode.getBean(SettlementScheduler.class).runFor(DAY)).isEqualTo(Outcome.RUNNING_ELSEWHERE);
		}
		finally {
			leases.release("settlement:" + DAY);
		}
		assertThat(executions()).isZero();
	}

	@Test
	void missedDatesAreCaughtUpOldestFirstAndAFailedDateIsRestarted() {
		// Last run: the 15th completed; the 16th failed; the service was down on the 17th
		// and 18th.
		assertThat(jobControl.settle(DAY.minusDays(3)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		importPayments("failing.csv", 1);
		jdbc.sql("ALTER TABLE payment ADD CONSTRAINT test_crash_16 CHECK (status <> 'SETTLED')").update();
		assertThat(jobControl.settle(DAY.minusDays(2)).getStatus()).isEqualTo(BatchStatus.FAILED);
		jdbc.sql("ALTER TABLE payment DROP CONSTRAINT test_crash_16").update();
		// It is now the 18th at 23:45 UTC; the nightly cron fires at 23:30.
		SettlementScheduler restartedNode = new SettlementScheduler(jobControl, jobRepository, leases, jdbc,
				Clock.fixed(Instant.parse("2026-11-18T23:45:00Z"), ZoneOffset.UTC),
				new ScheduleProperties("0 30 23 * * *", "UTC", 7, Duration.ofHours(1)), reconciliations, audit);

		assertThat(restartedNode.dueDates()).containsExactly(DAY.minusDays(2), DAY.minusDays(1), DAY);
		restartedNode.catchUp();

		assertThat(jdbc.sql("""
				SELECT p.PARAMETER_VALUE, e.STATUS FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE p.PARAMETER_NAME = 'businessDate'
				ORDER BY e.JOB_EXECUTION_ID""")
			.query((row, i) -> tuple(LocalDate.parse(row.getString("PARAMETER_VALUE")),
					BatchStatus.valueOf(row.getString("STATUS"))))
			.list()).containsExactly(tuple(LocalDate.of(2026, 11, 15), BatchStatus.COMPLETED),
					tuple(LocalDate.of(2026, 11, 16), BatchStatus.FAILED),
					tuple(LocalDate.of(2026, 11, 16), BatchStatus.COMPLETED),
					tuple(LocalDate.of(2026, 11, 17), BatchStatus.COMPLETED),
					tuple(LocalDate.of(2026, 11, 18), BatchStatus.COMPLETED));
		assertThat(restartedNode.dueDates()).isEmpty();
	}

	@Test
	void theNightlyTriggerFiresTheRunOfItsDay() {
		importPayments("nightly.csv", 2);
		SettlementScheduler atNight = new SettlementScheduler(jobControl, jobRepository, leases, jdbc,
				Clock.fixed(Instant.parse("2026-11-18T23:45:00Z"), ZoneOffset.UTC),
				new ScheduleProperties("* * * * * *", "UTC", 7, Duration.ofHours(1)), reconciliations, audit);
		NightlySettlement nightly = new NightlySettlement(atNight,
				new ScheduleProperties("* * * * * *", "UTC", 7, Duration.ofHours(1)), retention);

		nightly.start();
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> jobRepository.getLastJobExecution("settlement", params(DAY)) != null
						&& jobRepository.getLastJobExecution("settlement", params(DAY))
							.getStatus() == BatchStatus.COMPLETED);
		}
		finally {
			nightly.stop();
		}
		assertThat(jdbc.sql("SELECT status FROM payment_batch").query(String.class).single()).isEqualTo("CLOSED");
		// settle.retention.after-settlement (on by default): retention follows the night.
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'retention'")
				.query(Long.class)
				.single() > 0);
		// and the scheduler's retention run is in the audit trail as its own action
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				SELECT COUNT(*) FROM audit_event
				WHERE action = 'retention.run' AND actor = 'settle' AND origin = 'SCHEDULER'
				  AND target = (SELECT 'execution ' || MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
				                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				                WHERE i.JOB_NAME = 'retention')""").query(Long.class).single() > 0);
	}

	@Test
	void beforeTheNightlyTimeTodayIsNotDueYet() {
		SettlementScheduler early = new SettlementScheduler(jobControl, jobRepository, leases, jdbc,
				Clock.fixed(Instant.parse("2026-11-18T12:00:00Z"), ZoneOffset.UTC),
				new ScheduleProperties("0 30 23 * * *", "UTC", 7, Duration.ofHours(1)), reconciliations, audit);

		assertThat(early.dueDates()).isEmpty();
	}

	private void importPayments(String file, int count) {
		StringBuilder csv = new StringBuilder(
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n");
		for (int i = 1; i <= count; i++) {
			csv.append(file)
				.append(",Nightly,m-n,p-")
				.append(i)
				.append(",payment,")
				.append(i)
				.append(".00,USD,acct-")
				.append(i)
				.append('\n');
		}
		importer.importFile(drop(file, csv.toString()));
	}

	private long executions() {
		return jdbc.sql("""
				SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				WHERE i.JOB_NAME = 'settlement'""").query(Long.class).single();
	}

	private static JobParameters params(LocalDate date) {
		return new JobParametersBuilder().addLocalDate("businessDate", date).toJobParameters();
	}

	/**
	 * A second node: the same application on the same database, with its own sandbox
	 * gateway.
	 */
	private ConfigurableApplicationContext secondNode() {
		// As arguments: they must outrank application.yml, which default properties would
		// not.
		List<String> arguments = new ArrayList<>();
		for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
				"spring.flyway.schemas", "settle.sandbox.embedded", "settle.gateway.app-token",
				"settle.gateway.client-secret", "settle.gateway.throttle.limit", "settle.jobs.settlement.chunk-size",
				"settle.input.dir", "settle.reports.folder")) {
			if (environment.getProperty(key) != null) {
				arguments.add("--" + key + "=" + environment.getProperty(key));
			}
		}
		return new SpringApplicationBuilder(SettlementApplication.class).run(arguments.toArray(String[]::new));
	}

	/**
	 * Both gateways answer slowly, so that the two nodes' runs would overlap if nothing
	 * stopped them.
	 */
	private void slowGateways(ConfigurableApplicationContext secondNode) {
		sandbox.faults().latency(Duration.ofMillis(150), Duration.ofMillis(150));
		secondNode.getBean(SandboxGateway.class).faults().latency(Duration.ofMillis(150), Duration.ofMillis(150));
	}

	private static List<Outcome> together(Callable<Outcome> first, Callable<Outcome> second) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Outcome>> futures = new ArrayList<>();
			for (Callable<Outcome> node : List.of(first, second)) {
				futures.add(threads.submit(() -> {
					start.await();
					return node.call();
				}));
			}
			start.countDown();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> future : futures) {
				outcomes.add(future.get());
			}
			return outcomes;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
