package com.settlebatch.settlement;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.cluster.JobLeases;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;
import com.settlebatch.refusal.RefusedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Settlement against the embedded sandbox; chunk size 3 and 4 retries
 * (functional-test.properties).
 */
class SettlementJobFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void declinesAreCountedAsSkipsWithoutAScanRetriesResendTheSameKeyAndExhaustedPaymentsFail() {
		importer.importFile(drop("day.csv", HEADER + "b-1,Day,m-1,ok-1,payment,10.00,USD,acct-ok-1\n"
				+ "b-1,Day,m-1,ok-2,payment,20.00,USD,acct-ok-2\n"
				+ "b-1,Day,m-1,declined,payment,30.00,USD,acct-blocked-3\n"
				+ "b-1,Day,m-1,flaky,payment,40.00,USD,acct-flaky\n" + "b-1,Day,m-1,down,payment,50.00,USD,acct-down\n"
				+ "b-1,Day,m-1,ok-3,payment,60.00,USD,acct-ok-3\n"));
		sandbox.faults().failNext("acct-flaky", 2, 503);
		sandbox.faults().failNext("acct-down", 100, 500);
		long callsBefore = sandbox.ledger().callCount();

		JobExecution execution = jobControl.settle(DAY);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storedPayments())
			.extracting(StoredPayment::referenceId, StoredPayment::status, StoredPayment::attempts,
					StoredPayment::httpStatus, StoredPayment::errorCode)
			.containsExactly(tuple("declined", "DECLINED", 1, 403, "3004"),
					tuple("down", "FAILED", 5, 500, "INTERNAL_ERROR"), tuple("flaky", "SETTLED", 3, 201, null),
					tuple("ok-1", "SETTLED", 1, 201, null), tuple("ok-2", "SETTLED", 1, 201, null),
					tuple("ok-3", "SETTLED", 1, 201, null));
		StepExecution settle = only(stepExecutions(execution.getId(), "settlePayments"));
		assertThat(settle.getReadCount()).isEqualTo(6);
		assertThat(settle.getWriteCount()).isEqualTo(4);
		assertThat(settle.getWriteSkipCount()).isEqualTo(2);
		assertThat(settle.getProcessSkipCount()).isZero();
		// Batch 6 retries inside the chunk transaction: retries are no rollbacks (the
		// exit message counts them). The decline rolls nothing back: the writer stores
		// and counts it with the chunk. The second chunk, whose retries run out for
		// down, is rolled back once before its scan, whose transactions all commit.
		assertThat(settle.getRollbackCount()).isEqualTo(1);
		assertThat(settle.getExitStatus().getExitDescription()).contains("retried-calls=6");
		// 6 first sends + (flaky, down) x2 + down x2 = 12: the chunk scans after the
		// skips send nothing.
		assertThat(sandbox.ledger().callCount() - callsBefore).isEqualTo(12);
		assertEachSettledPaymentChargedExactlyOnce();
		assertThat(
				jdbc.sql("SELECT correlation_id FROM payment WHERE reference_id = 'down'").query(String.class).single())
			.isNotBlank();
		assertThat(jdbc.sql("""
				SELECT status, batchnum, settled_count, declined_count, failed_count FROM payment_batch""")
			.query((row, i) -> tuple(row.getString("status"), row.getLong("batchnum"), row.getInt("settled_count"),
					row.getInt("declined_count"), row.getInt("failed_count")))
			.single()).isEqualTo(tuple("CLOSED", 1L, 4, 1, 1));
		assertThat(jdbc.sql("SELECT settled_amount FROM batch_currency_total WHERE currency = 'USD'")
			.query(BigDecimal.class)
			.single()).isEqualTo(new BigDecimal("130.000"));
	}

	@Test
	void aRunThatFailsMidWayIsRestartedFromItsLastCommittedChunkAndChargesEveryPaymentOnce() {
		// given 12 payments: three partitions of four (r-1..r-4, r-5..r-8, r-9..r-12),
		// chunks of three
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= 12; i++) {
			csv.append("b-r,Restart,m-r,r-")
				.append(i)
				.append(",payment,")
				.append(i)
				.append(".00,USD,acct-")
				.append(i)
				.append('\n');
		}
		importer.importFile(drop("restart.csv", csv.toString()));
		List<Tuple> keysBefore = keys();
		int chargesBefore = sandbox.ledger().chargeCount();

		// when the second partition's second chunk (r-8) is charged at the gateway, then
		// cannot be stored:
		// a crash after the charge, while the other partitions settle
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "status <> 'SETTLED' OR reference_id <> 'r-8'")) {
			failed = jobControl.settle(DAY);
		}

		// then the run failed with everything else committed: r-5..r-7 (the partition's
		// first chunk) too
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE status = 'SETTLED'").query(Long.class).single())
			.isEqualTo(11);
		assertThat(sandbox.ledger().chargeCount() - chargesBefore).isEqualTo(12);

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then only r-8 is read again, resent with its key, and charged once in all
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(only(stepExecutions(restarted.getId(), "settlePayments")).getReadCount()).isEqualTo(1);
		assertThat(keys()).isEqualTo(keysBefore);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE status = 'SETTLED'").query(Long.class).single())
			.isEqualTo(12);
		assertEachSettledPaymentChargedExactlyOnce();
		assertThat(jdbc.sql("SELECT batchnum FROM payment_batch").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void batchnumsRunOneTwoThreePerMerchantAcrossRunsWithoutGaps() {
		for (int day = 1; day <= 3; day++) {
			importer.importFile(drop("day" + day + ".csv",
					HEADER + "acme-" + day + ",Day " + day + ",acme,p-1,payment," + day + ".00,USD,acct-1\n"
							+ (day == 2 ? "globex-1,Globex,globex,g-1,payment,5.00,EUR,acct-2\n" : "")));
			assertThat(jobControl.settle(DAY.plusDays(day)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}

		assertThat(
				jdbc.sql("SELECT merchant_id, external_id, batchnum FROM payment_batch ORDER BY merchant_id, batchnum")
					.query((row, i) -> tuple(row.getString("merchant_id"), row.getString("external_id"),
							row.getLong("batchnum")))
					.list())
			.containsExactly(tuple("acme", "acme-1", 1L), tuple("acme", "acme-2", 2L), tuple("acme", "acme-3", 3L),
					tuple("globex", "globex-1", 1L));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_batch WHERE closed IS NULL OR closed < opened")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void batchesOfAMerchantClosedInOneRunAreNumberedByOpenedTimeThenExternalIdWhateverTheirIds() {
		// given three batches of one merchant settled in one run; their ids (random) in
		// the opposite order of their opened times and external ids
		importer.importFile(drop("three.csv", HEADER + "x-1,One,acme,p-1,payment,1.00,USD,acct-1\n"
				+ "x-2,Two,acme,p-2,payment,2.00,USD,acct-2\n" + "x-3,Three,acme,p-3,payment,3.00,USD,acct-3\n"));
		List<String> ids = jdbc.sql("SELECT id FROM payment_batch ORDER BY id").query(String.class).list();
		OffsetDateTime opened = OffsetDateTime.parse("2026-11-20T09:00:00Z");
		jdbc.sql("UPDATE payment_batch SET external_id = id").update();
		renumber(ids.get(0), "acme-c", opened.plusSeconds(1));
		renumber(ids.get(1), "acme-b", opened);
		renumber(ids.get(2), "acme-a", opened);

		// when
		assertThat(jobControl.settle(DAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// then: opened first, then external id
		assertThat(jdbc.sql("SELECT external_id, batchnum FROM payment_batch ORDER BY batchnum")
			.query((row, i) -> tuple(row.getString("external_id"), row.getLong("batchnum")))
			.list()).containsExactly(tuple("acme-a", 1L), tuple("acme-b", 2L), tuple("acme-c", 3L));
	}

	private void renumber(String id, String externalId, OffsetDateTime opened) {
		jdbc.sql("UPDATE payment_batch SET external_id = ?, opened = ? WHERE id = ?")
			.params(externalId, opened, id)
			.update();
	}

	@Test
	void anExecutionLeftStartedByAKilledProcessIsRecoveredThenRestarted() throws Exception {
		importer.importFile(drop("killed.csv", HEADER + "b-k,Killed,m-k,k-1,payment,1.00,USD,acct-1\n"));
		// What kill -9 leaves behind: an execution STARTED forever, which Spring Batch
		// will not restart.
		JobExecution killed = jobRepository.getJobExecution(startedExecutionOfTheDay());

		assertThatThrownBy(() -> jobControl.restart(killed.getId())).isInstanceOf(RefusedException.class)
			.satisfies(e -> assertThat(((RefusedException) e).kind()).isEqualTo(RefusedException.Kind.CONFLICT));
		assertThatThrownBy(() -> jobControl.settle(DAY)).isInstanceOf(RefusedException.class)
			.hasMessageContaining("already running");

		// The dead process's lease (a process of this host that is gone) would block the
		// restart until it expired; recover frees it.
		leaseHeldBy(deadProcessOfThisHost());
		assertThat(jobControl.recover(killed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		JobExecution restarted = jobControl.restart(killed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT status FROM payment").query(String.class).single()).isEqualTo("SETTLED");
	}

	@Test
	void recoveringAnExecutionWhoseProcessIsAliveIsRefusedAndChangesNothing() throws Exception {
		// given a STARTED execution whose date's lease is held and renewed by a live
		// process (this JVM, as another node's application context would be)
		JobExecution running = jobRepository.getJobExecution(startedExecutionOfTheDay());
		String liveOwner = JobLeases.ownerName(ProcessHandle.current().pid()) + "/other-node";
		leaseHeldBy(liveOwner);

		// when / then: refused with exit 3, the execution still STARTED and its lease
		// still held
		// (the holder said by its pid and host: the rest of its name is internal)
		String host = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^[0-9]+@", "");
		assertThatThrownBy(() -> jobControl.recover(running.getId())).isInstanceOf(RefusedException.class)
			.hasMessageContaining("is running: process " + ProcessHandle.current().pid() + " on " + host + " holds")
			.hasMessageNotContaining("other-node")
			.hasMessageNotContaining(liveOwner.substring(liveOwner.indexOf('/')))
			.hasMessageContaining("settle stop " + running.getId())
			.satisfies(e -> assertThat(((RefusedException) e).kind()).isEqualTo(RefusedException.Kind.CONFLICT));
		assertThat(jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
		assertThat(jdbc.sql("SELECT owner FROM job_lease").query(String.class).single()).isEqualTo(liveOwner);

		// a pid that is not alive here proves nothing of a process on another machine (or
		// in another pid namespace) that only shares this host's name
		String deadHere = deadProcessOfThisHost();
		String sameNameElsewhere = deadHere.substring(0, deadHere.indexOf('/')) + "/another-boot:4026531836/x";
		leaseHeldBy(sameNameElsewhere);
		assertThatThrownBy(() -> jobControl.recover(running.getId())).isInstanceOf(RefusedException.class)
			.hasMessageContaining("is running: process " + deadHere.substring(0, deadHere.indexOf('@')) + " on " + host)
			.hasMessageNotContaining("another-boot");

		// and once that lease has expired (its node died), the same recover goes through
		jdbc.sql("UPDATE job_lease SET locked_until = ?")
			.param(java.time.OffsetDateTime.now().minusSeconds(1))
			.update();
		assertThat(jobControl.recover(running.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void anUnknownExecutionWhoseProcessIsGoneIsRecoveredAndRestartedWithNothingChargedTwice() throws Exception {
		// given a run that charged its payments, then ended UNKNOWN (the outcome of a
		// commit never known, or a live run recovered under it), its process gone
		importer.importFile(drop("unknown.csv", HEADER + "b-u,Unknown,m-u,u-1,payment,1.00,USD,acct-1\n"
				+ "b-u,Unknown,m-u,u-2,payment,2.00,USD,acct-2\n"));
		JobExecution first;
		try (Refusal crash = refuseRows("payment_batch", "status <> 'CLOSED'")) {
			first = jobControl.settle(DAY);
		}
		JobExecution unknown = jobRepository.getJobExecution(first.getId());
		// its first settle pass is the step whose last commit's outcome nobody knows
		unknown.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("settlePayments"))
			.limit(1)
			.forEach(step -> {
				step.setStatus(BatchStatus.UNKNOWN);
				jobRepository.update(step);
			});
		unknown.setStatus(BatchStatus.UNKNOWN);
		jobRepository.update(unknown);
		leaseHeldBy(deadProcessOfThisHost());
		assertThatThrownBy(() -> jobControl.restart(unknown.getId())).isInstanceOf(RefusedException.class);

		long callsBefore = sandbox.ledger().callCount();

		// when
		assertThat(jobControl.recover(unknown.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		JobExecution restarted = jobControl.restart(unknown.getId());

		// then: the restart resumed, sent nothing again, and closed the batch
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sandbox.ledger().callCount() - callsBefore).isZero();
		assertThat(jobRepository.getJobExecution(unknown.getId()).getStepExecutions())
			.noneMatch(step -> step.getStatus() == BatchStatus.UNKNOWN);
		assertThat(jdbc.sql("SELECT status, settled_count FROM payment_batch")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("settled_count")))
			.single()).isEqualTo(tuple("CLOSED", 2));
		assertEachSettledPaymentChargedExactlyOnce();
	}

	/**
	 * A settlement execution of the day marked STARTED, as its process left it; its id.
	 * (No method returning a JobExecution: {@code @SpringBatchTest} would take it for the
	 * job scope's factory.)
	 */
	private long startedExecutionOfTheDay() throws Exception {
		JobParameters parameters = new JobParametersBuilder().addLocalDate("businessDate", DAY).toJobParameters();
		JobExecution started = jobRepository.createJobExecution(
				jobRepository.createJobInstance("settlement", parameters), parameters, new ExecutionContext());
		started.setStatus(BatchStatus.STARTED);
		started.setStartTime(LocalDateTime.now());
		jobRepository.update(started);
		return started.getId();
	}

	private void leaseHeldBy(String owner) {
		jdbc.sql("DELETE FROM job_lease").update();
		jdbc.sql("INSERT INTO job_lease (lease_key, owner, locked_until) VALUES (?, ?, ?)")
			.params("settlement:" + DAY, owner, java.time.OffsetDateTime.now().plusMinutes(5))
			.update();
	}

	/**
	 * A lease owner name of a process of this machine (and pid namespace) that has ended.
	 */
	private static String deadProcessOfThisHost() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		return JobLeases.ownerName(ended.pid()) + "/gone";
	}

	@Test
	void theRunForABusinessDateHappensOnce() {
		assertThat(jobControl.settle(DAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThatThrownBy(() -> jobControl.settle(DAY)).isInstanceOf(RefusedException.class)
			.hasMessageContaining("already completed")
			.satisfies(e -> assertThat(((RefusedException) e).kind()).isEqualTo(RefusedException.Kind.CONFLICT));
	}

	private List<Tuple> keys() {
		return jdbc.sql("SELECT reference_id, unique_key FROM payment ORDER BY reference_id")
			.query((row, i) -> tuple(row.getString("reference_id"), row.getString("unique_key")))
			.list();
	}

	private void assertEachSettledPaymentChargedExactlyOnce() {
		for (String key : jdbc.sql("SELECT unique_key FROM payment WHERE status = 'SETTLED'")
			.query(String.class)
			.list()) {
			assertThat(sandbox.ledger().chargesFor(key)).as("charges for %s", key).isEqualTo(1);
		}
		for (String key : jdbc.sql("SELECT unique_key FROM payment WHERE status <> 'SETTLED'")
			.query(String.class)
			.list()) {
			assertThat(sandbox.ledger().chargesFor(key)).as("charges for unsettled %s", key).isZero();
		}
	}

}
