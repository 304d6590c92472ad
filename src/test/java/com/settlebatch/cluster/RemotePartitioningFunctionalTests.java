package com.settlebatch.cluster;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.settlebatch.settlement.SettlementJob;
import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.TestDatabase;
import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;
import com.settlebatch.refusal.RefusedException;
import com.settlebatch.schedule.SettlementScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A cluster of real processes: this test's application is the manager (it runs the job
 * and sends partitions, it settles none), {@code settle worker} processes started from
 * the test class path take the partitions from RabbitMQ, every one of them on the same
 * PostgreSQL schema and against this JVM's embedded sandbox, whose ledger counts every
 * charge.
 */
@ExtendWith({ ClusterTestCondition.class, OutputCaptureExtension.class })
@TestPropertySource(properties = { "settle.cluster.transport=rabbitmq", "settle.cluster.role=manager",
		"settle.cluster.partition-lease=3s", "settle.cluster.poll-interval=200ms", "settle.cluster.worker-wait=8s",
		"settle.jobs.settlement.partitioning.min-payments=5", "settle.jobs.settlement.partitioning.max-partitions=6" })
class RemotePartitioningFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	/**
	 * One queue per test JVM: two builds on one machine never take each other's
	 * partitions.
	 */
	private static final String QUEUE = "settle.test.partitions." + ProcessHandle.current().pid();

	private static final List<SettleProcess> workers = new ArrayList<>();

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	SettlementScheduler scheduler;

	@Autowired
	ExecutionQueries executions;

	@DynamicPropertySource
	static void queue(DynamicPropertyRegistry registry) {
		registry.add("settle.cluster.queue", () -> QUEUE);
	}

	@AfterAll
	static void stopWorkers() throws InterruptedException {
		for (SettleProcess worker : workers) {
			worker.close();
		}
		workers.clear();
	}

	@Test
	void aRunIsSettledByTwoWorkersAndEveryPaymentIsChargedOnce() throws Exception {
		// given two workers and 60 payments in three batches: 6 partitions of 10
		List<SettleProcess> running = workers(2);
		List<Integer> logged = running.stream().map(worker -> worker.log().length()).toList();
		importPayments(60);

		// when
		JobExecution execution = jobControl.settle(DAY);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertEverySettledPaymentChargedOnceAndEveryBatchClosed(60);
		assertThat(partitionsOf(execution.getId())).hasSize(6)
			.allSatisfy(partition -> assertThat(partition.getStatus()).isEqualTo(BatchStatus.COMPLETED));
		// both workers settled partitions, the manager none
		for (int i = 0; i < running.size(); i++) {
			assertThat(running.get(i).log().substring(logged.get(i))).contains(") claimed");
		}
		// and no partition's lease is left behind: each went with its partition's end
		assertThat(jdbc.sql("SELECT lease_key FROM job_lease WHERE lease_key LIKE 'partition:%'")
			.query(String.class)
			.list()).isEmpty();
		StepExecution manager = only(stepExecutions(execution.getId(), "settlePayments"));
		assertThat(manager.getWriteCount()).isEqualTo(60);
		assertThat(manager.getReadCount()).isEqualTo(60);
	}

	@Test
	void aDuplicatedAndAStaleRequestAreDroppedByTheWorkers() throws Exception {
		// given a run whose partition failed (a payment's outcome could not be stored),
		// restarted to completion
		workers(2);
		importPayments(20);
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "status <> 'SETTLED' OR reference_id <> 'r-7'")) {
			failed = jobControl.settle(DAY);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// (said by the failed partition's reason, which its worker stored, down to the
		// manager's step and the job)
		assertThat(jobRepository.getJobExecution(failed.getId()).getExitStatus().getExitDescription())
			.contains("test_crash", "(partition pass1.part")
			.doesNotContain("Partition handler", "JobExecutionException");
		assertThat(stepExecutions(failed.getId(), "settlePayments")).singleElement()
			.satisfies(pass -> assertThat(pass.getExitStatus().getExitDescription()).contains("test_crash")
				.doesNotContain("\tat "));
		JobExecution restarted = jobControl.restart(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long stale = firstPartition(failed.getId(), BatchStatus.FAILED);
		long duplicate = firstPartition(restarted.getId(), BatchStatus.COMPLETED);
		List<StepState> before = List.of(stateOf(stale), stateOf(duplicate));
		int charges = sandbox.ledger().chargeCount();

		// when the broker hands both requests again (a redelivery, a message left over
		// from before the restart)
		rabbit.convertAndSend(QUEUE, new StepExecutionRequest("settlePaymentsWorker", stale));
		rabbit.convertAndSend(QUEUE, new StepExecutionRequest("settlePaymentsWorker", duplicate));

		// then a worker drops each, and nothing ran: no step changed, nothing was charged
		awaitLogged("partition request dropped: partition " + stale + " ", Duration.ofSeconds(20));
		awaitLogged("partition request dropped: partition " + duplicate + " ", Duration.ofSeconds(20));
		assertThat(List.of(stateOf(stale), stateOf(duplicate))).isEqualTo(before);
		assertThat(sandbox.ledger().chargeCount()).isEqualTo(charges);
		assertEverySettledPaymentChargedOnceAndEveryBatchClosed(20);
		assertThat(workers).noneMatch(worker -> worker.log().contains("rejected in filter"));
	}

	@Test
	void aWorkerStartedWhileRequestsWaitTakesThemOnlyOnceItIsReady() throws Exception {
		// given no worker, and requests waiting in the queue (for step executions that do
		// not exist)
		stopWorkers();
		List<Long> unknown = List.of(Long.MAX_VALUE - 1, Long.MAX_VALUE - 2, Long.MAX_VALUE - 3, Long.MAX_VALUE - 4);
		unknown.forEach(id -> rabbit.convertAndSend(QUEUE, new StepExecutionRequest("settlePaymentsWorker", id)));

		// when a worker starts
		SettleProcess worker = workers(1).get(0);

		// then it took each request once its context was ready, and said once why it
		// dropped it
		for (long id : unknown) {
			awaitLogged("partition request dropped: no step execution " + id, Duration.ofSeconds(20));
		}
		assertThat(worker.log()).doesNotContain("is not ready").doesNotContain("rejected in filter");
	}

	@Test
	void aWorkerKilledMidPartitionIsFailedByTheManagerAndTheRunCompletesOnTheOther() throws Exception {
		// given two workers, and a slow gateway so that partitions last a while
		List<SettleProcess> running = workers(2);
		importPayments(90);
		sandbox.faults().latency(Duration.ofMillis(120), Duration.ofMillis(160));

		// when one worker is killed while it holds a partition (the run's id, not its
		// JobExecution: @SpringBatchTest takes any method returning one, a lambda's too,
		// for the job scope's factory)
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> jobControl.settle(DAY).getId());
		SettleProcess victim = running.get(0);
		awaitHeldPartition(victim.pid(), Duration.ofSeconds(60));
		victim.kill9();
		JobExecution execution = jobControl.execution(run.get(3, TimeUnit.MINUTES));

		// then the manager failed its partitions (WORKER_LOST, never ABANDONED; it ran
		// two at a time), the run was restarted and completed on the other worker, and
		// every payment was charged once
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(allStepExecutions()).filteredOn(step -> step.getStepName().startsWith("settlePaymentsWorker:")
				&& step.getStatus() == BatchStatus.FAILED && step.getExitStatus().getExitCode().equals("WORKER_LOST"))
			.hasSizeBetween(1, 2);
		assertThat(allStepExecutions()).noneMatch(step -> step.getStatus() == BatchStatus.ABANDONED);
		assertEverySettledPaymentChargedOnceAndEveryBatchClosed(90);
		assertThat(batchnums()).containsExactly(tuple("m-0", 1L), tuple("m-1", 1L), tuple("m-2", 1L));
	}

	@Test
	void aManagerKilledMidRunIsRecoveredOnceItsWorkersAreDoneAndRestartedWithoutDoubleCharges() throws Exception {
		// given two workers, a slow gateway, and a manager process running the settlement
		workers(2);
		importPayments(90);
		sandbox.faults().latency(Duration.ofMillis(400), Duration.ofMillis(450));
		Map<String, String> manager = clusterProperties();
		manager.put("settle.cluster.transport", "rabbitmq");
		manager.put("settle.cluster.role", "manager");
		SettleProcess managerProcess = SettleProcess.start("manager", manager, "settle", "--date", DAY.toString());

		// when the manager is killed while a worker settles one of its partitions
		awaitHeldPartition(Duration.ofSeconds(90));
		managerProcess.kill9();
		long id = jdbc.sql("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION").query(Long.class).single();

		// then recovering it is refused while a worker still settles its partition ...
		assertThatThrownBy(() -> jobControl.recover(id)).isInstanceOf(RefusedException.class)
			.hasMessageContaining("is still being settled: worker");
		// ... and a manager started again (its scheduler's catch-up) waits for the
		// workers to finish what the dead one sent, recovers the run and restarts it to
		// completion, every payment charged once
		assertThat(CompletableFuture.supplyAsync(() -> scheduler.runFor(DAY)).get(2, TimeUnit.MINUTES))
			.isEqualTo(SettlementScheduler.Outcome.RECOVERED_AND_RESTARTED);
		assertThat(jobControl.execution(id).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(allJobExecutions()).filteredOn(execution -> execution.getId() > id)
			.filteredOn(execution -> SettlementJob.NAME.equals(execution.getJobInstance().getJobName()))
			.extracting(JobExecution::getStatus)
			.containsExactly(BatchStatus.COMPLETED);
		assertEverySettledPaymentChargedOnceAndEveryBatchClosed(90);
		assertThat(batchnums()).containsExactly(tuple("m-0", 1L), tuple("m-1", 1L), tuple("m-2", 1L));
	}

	@Test
	void withNoWorkerARunSaysItWaitsThenFailsAsNoWorkerAndARestartWithAWorkerCompletesIt(CapturedOutput output)
			throws Exception {
		// given no worker, and 10 payments: two partitions
		stopWorkers();
		importPayments(10);

		// when the manager settles the date
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> jobControl.settle(DAY).getId());

		// then while it waits, the listing (settle status, the API, the dashboard) says
		// since when, and so does its log
		OffsetDateTime since = awaitWaitingForAWorker(Duration.ofSeconds(60));
		assertThat(since).isBefore(OffsetDateTime.now().plusSeconds(1));
		JobExecution failed = jobControl.execution(run.get(2, TimeUnit.MINUTES));
		assertThat(output.getAll()).contains("is waiting for a worker since", "start one with `settle worker`");
		// ... and once the wait is over, the untaken partitions fail as NO_WORKER, the
		// run with them, saying how to start a worker and what to do then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(partitionsOf(failed.getId())).hasSize(2)
			.allSatisfy(partition -> assertThat(partition.getExitStatus().getExitCode()).isEqualTo("NO_WORKER"));
		assertThat(failed.getExitStatus().getExitDescription())
			.startsWith("no worker took this run's partitions within 8s (waiting since ")
			.contains("start one with `settle worker`", "`settle restart " + failed.getId() + "`",
					"(partitions pass1.part001, pass1.part002)");
		assertThat(executions.recent("settlement", 1).get(0).waitingForWorkerSince()).isNull();

		// when a worker runs and the run is restarted
		workers(1);
		JobExecution restarted = jobControl.restart(failed.getId());

		// then it completes: every payment charged once, the first requests dropped
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertEverySettledPaymentChargedOnceAndEveryBatchClosed(10);
	}

	/** Until the latest execution is listed as waiting for a worker; since when. */
	private OffsetDateTime awaitWaitingForAWorker(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<ExecutionQueries.ExecutionRow> latest = executions.recent("settlement", 1);
			if (!latest.isEmpty() && latest.get(0).waitingForWorkerSince() != null) {
				return latest.get(0).waitingForWorkerSince();
			}
			assertThat(System.nanoTime()).as("the run is listed as waiting for a worker").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/** The workers of the class, as many alive as asked: a killed one is replaced. */
	private List<SettleProcess> workers(int count) throws InterruptedException {
		workers.removeIf(worker -> !worker.isAlive());
		while (workers.size() < count) {
			workers.add(SettleProcess.start("worker" + workers.size(), clusterProperties(), "worker"));
		}
		for (SettleProcess worker : workers) {
			worker.awaitReady(Duration.ofSeconds(90));
		}
		return List.copyOf(workers);
	}

	private Map<String, String> clusterProperties() {
		Map<String, String> properties = new HashMap<>();
		properties.put("spring.datasource.url",
				TestDatabase.POSTGRES_URL + "?currentSchema=" + TestDatabase.POSTGRES_SCHEMA);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.flyway.schemas", TestDatabase.POSTGRES_SCHEMA);
		properties.put("spring.datasource.hikari.minimum-idle", "1");
		properties.put("settle.cluster.queue", QUEUE);
		properties.put("settle.cluster.partition-lease", "3s");
		properties.put("settle.jobs.settlement.partitioning.threads", "2");
		properties.put("settle.gateway.base-url", sandbox.baseUrl());
		properties.put("settle.gateway.app-token", sandbox.settings().appToken());
		properties.put("settle.gateway.client-secret", sandbox.settings().clientSecret());
		properties.put("settle.gateway.throttle.limit", "1000");
		properties.put("settle.jobs.settlement.chunk-size", "3");
		properties.put("settle.jobs.settlement.retry.delay", "5ms");
		properties.put("settle.jobs.settlement.retry.max-delay", "50ms");
		properties.put("settle.jobs.settlement.retry.jitter", "1ms");
		properties.put("logging.level.com.settlebatch", "INFO");
		return properties;
	}

	private void importPayments(int payments) {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= payments; i++) {
			int batch = (i - 1) * 3 / payments;
			csv.append("b-")
				.append(batch)
				.append(",Cluster,m-")
				.append(batch)
				.append(",r-")
				.append(i)
				.append(",payment,")
				.append(i)
				.append(".00,USD,acct-")
				.append(i)
				.append('\n');
		}
		importer.importFile(drop("cluster.csv", csv.toString()));
	}

	private void assertEverySettledPaymentChargedOnceAndEveryBatchClosed(int payments) {
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE status = 'SETTLED'").query(Long.class).single())
			.isEqualTo(payments);
		Set<String> keys = Set.copyOf(jdbc.sql("SELECT unique_key FROM payment").query(String.class).list());
		for (String key : keys) {
			assertThat(sandbox.ledger().chargesFor(key)).as("charges for %s", key).isEqualTo(1);
		}
		// (the sandbox's ledger holds the charges of the class's earlier tests too)
		assertThat(sandbox.ledger().charges().stream().filter(charge -> keys.contains(charge.uniqueKey())))
			.hasSize(payments);
		assertThat(jdbc.sql("SELECT DISTINCT status FROM payment_batch").query(String.class).list())
			.containsExactly("CLOSED");
	}

	private List<Tuple> batchnums() {
		return jdbc.sql("SELECT merchant_id, batchnum FROM payment_batch ORDER BY merchant_id, batchnum")
			.query((row, i) -> tuple(row.getString("merchant_id"), row.getLong("batchnum")))
			.list();
	}

	private List<StepExecution> partitionsOf(long jobExecutionId) {
		return jobRepository.getJobExecution(jobExecutionId)
			.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().startsWith("settlePaymentsWorker:"))
			.toList();
	}

	/** The id of the first partition of a job execution that ended with the status. */
	private long firstPartition(long jobExecutionId, BatchStatus status) {
		return partitionsOf(jobExecutionId).stream()
			.filter(partition -> partition.getStatus() == status)
			.mapToLong(StepExecution::getId)
			.min()
			.orElseThrow();
	}

	/** Every execution of every job the repository knows. */
	private List<JobExecution> allJobExecutions() {
		return jobRepository.getJobNames()
			.stream()
			.flatMap(job -> jobRepository.findJobInstances(job).stream())
			.flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
			.toList();
	}

	private List<StepExecution> allStepExecutions() {
		return allJobExecutions().stream().flatMap(execution -> execution.getStepExecutions().stream()).toList();
	}

	/**
	 * What a partition's step execution would show if a dropped request had run it after
	 * all.
	 */
	private StepState stateOf(long stepExecutionId) {
		StepExecution step = jobRepository.getStepExecution(stepExecutionId);
		return new StepState(step.getStatus(), step.getVersion(), step.getReadCount(), step.getWriteCount());
	}

	private record StepState(BatchStatus status, Integer version, long readCount, long writeCount) {
	}

	private void awaitLogged(String text, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (workers.stream().noneMatch(worker -> worker.log().contains(text))) {
			assertThat(System.nanoTime()).as("a worker logs \"%s\"", text).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private void awaitHeldPartition(Duration timeout) throws InterruptedException {
		awaitHeldPartition(-1, timeout);
	}

	/** Until a partition is held by the process {@code pid} (any process: -1). */
	private void awaitHeldPartition(long pid, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (jdbc.sql("""
				SELECT COUNT(*) FROM job_lease
				WHERE lease_key LIKE 'partition:%' AND owner LIKE ? AND owner NOT LIKE 'released:%'""")
			.param(pid < 0 ? "%@%" : pid + "@%")
			.query(Long.class)
			.single() == 0) {
			assertThat(System.nanoTime()).as("worker %d holds a partition", pid).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
