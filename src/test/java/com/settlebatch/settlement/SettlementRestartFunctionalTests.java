package com.settlebatch.settlement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Spring Batch 6.0.5 deserializes execution contexts through an allow-list
 * ({@code DefaultExecutionContextSerializer}'s ObjectInputFilter: JDK types and
 * {@code org.springframework.batch.**}, nothing else). A restart reads the failed
 * execution's contexts back: these tests prove what the settlement job stores there
 * survives that, and which context a restarted {@code settlePayments} pass starts from
 * ({@code SimpleStepHandler}). Chunk size 3 (functional-test.properties), one partition
 * per pass: the tests read that partition's stored context by its name.
 */
@TestPropertySource(properties = "settle.jobs.settlement.partitioning.min-payments=1000")
class SettlementRestartFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on\n";

	private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	/**
	 * The reader's keys name the pass it reads: a later pass never starts from an earlier
	 * one's position.
	 */
	private static String readCount(int pass) {
		return "pendingPayments.pass" + pass + ".read.count";
	}

	private static String lastOrd(int pass) {
		return "pendingPayments.pass" + pass + ".lastOrd";
	}

	private static final String LAST_PENDING = "settlement.pendingAfterLastPass";

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void aSettlementThatFailsInItsSecondPassIsRestartedFromTheContextsItStored() throws Exception {
		// given: a parent and five children, so that the first pass settles the parent
		// and the decider records the pending count in the job's context; the second pass
		// commits one chunk (k-1..k-3), then cannot store k-5: a crash after the gateway
		// charged k-4 and k-5
		StringBuilder csv = new StringBuilder(HEADER + "e-1,Context,m-e,p-0,payment,100.00,USD,acct-1,\n");
		for (int i = 1; i <= 5; i++) {
			csv.append("e-1,Context,m-e,k-").append(i).append(",refund,1.00,USD,acct-1,p-0\n");
		}
		importer.importFile(drop("context.csv", csv.toString()));
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "status <> 'SETTLED' OR reference_id <> 'k-5'")) {
			failed = jobControl.settle(DAY);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		// then: what the failed run stored reads back through the job repository, under
		// the allow-list
		JobExecution stored = jobRepository.getJobExecution(failed.getId());
		assertThat(stored.getExecutionContext().get(LAST_PENDING)).isEqualTo(5L);
		StepExecution failedPass = settlePasses(stored).get(settlePasses(stored).size() - 1);
		assertThat(failedPass.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failedPass.getWriteCount()).isEqualTo(3);
		// the reader's position is in the context of the pass's (only) partition
		StepExecution failedPartition = partitions(stored).get(partitions(stored).size() - 1);
		assertThat(failedPartition.getStepName()).isEqualTo("settlePaymentsWorker:pass2.part001");
		assertThat(failedPartition.getExecutionContext().getInt(readCount(2))).isEqualTo(3);
		// k-1..k-5 are ords 1..5 of pass 2: the first chunk ended at k-3
		assertThat(failedPartition.getExecutionContext().getLong(lastOrd(2))).isEqualTo(3L);
		assertThat(jdbc.sql("SELECT pass_no FROM settlement_pass").query(Integer.class).single()).isEqualTo(2);
		assertEveryStoredContextPassesTheDefaultAllowList();

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: the restarted pass resumed from the stored reader position (its count
		// goes on from 3) ...
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution resumedPass = settlePasses(jobRepository.getJobExecution(restarted.getId())).get(0);
		assertThat(resumedPass.getReadCount()).isEqualTo(2);
		assertThat(resumedPass.getWriteCount()).isEqualTo(2);
		assertThat(resumedPass.getWriteSkipCount()).isZero();
		// 3 stored + 2 read + the read that found the end (a fresh reader would be at 3)
		StepExecution resumedPartition = partitions(jobRepository.getJobExecution(restarted.getId())).get(0);
		assertThat(resumedPartition.getStepName()).isEqualTo("settlePaymentsWorker:pass2.part001");
		assertThat(resumedPartition.getExecutionContext().getInt(readCount(2))).isEqualTo(6);
		// ... and every payment settled, each charged once
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE status = 'SETTLED'").query(Long.class).single())
			.isEqualTo(6);
		for (String key : jdbc.sql("SELECT unique_key FROM payment").query(String.class).list()) {
			assertThat(sandbox.ledger().chargesFor(key)).as("charges for %s", key).isEqualTo(1);
		}
		assertThat(jdbc.sql("SELECT status FROM payment_batch").query(String.class).single()).isEqualTo("CLOSED");
		assertEveryStoredContextPassesTheDefaultAllowList();
	}

	@Test
	void aRunWhoseJobContextWasNeverSavedRestartsFromThePassCommittedWithItsWork() {
		// given a run that died in its first pass after the claim had committed, and
		// whose job
		// ExecutionContext was never saved (Spring Batch saves it after the step: a kill
		// -9 in between)
		importer.importFile(drop("lost.csv", HEADER + "l-1,Lost,m-l,l-1,payment,1.00,USD,acct-1,\n"
				+ "l-1,Lost,m-l,l-2,payment,2.00,USD,acct-1,\n" + "l-1,Lost,m-l,l-3,payment,3.00,USD,acct-1,\n"));
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "status <> 'SETTLED' OR reference_id <> 'l-2'")) {
			failed = jobControl.settle(DAY);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		JobExecution stored = jobRepository.getJobExecution(failed.getId());
		stored.setExecutionContext(new org.springframework.batch.infrastructure.item.ExecutionContext());
		jobRepository.updateExecutionContext(stored);

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: the pass came from settlement_pass, and every payment settled once
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE status = 'SETTLED'").query(Long.class).single())
			.isEqualTo(3);
		for (String key : jdbc.sql("SELECT unique_key FROM payment").query(String.class).list()) {
			assertThat(sandbox.ledger().chargesFor(key)).as("charges for %s", key).isEqualTo(1);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM settlement_pass").query(Long.class).single()).isZero();
	}

	@Test
	void aSettlePassThatCompletedBeforeTheFailureStartsWithAFreshContextOnRestart() {
		// given: a run whose only pass settles 4 payments (two chunks), then fails to
		// close the batch
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= 4; i++) {
			csv.append("f-1,Fresh,m-f,f-").append(i).append(",payment,").append(i).append(".00,USD,acct-1,\n");
		}
		importer.importFile(drop("fresh.csv", csv.toString()));
		JobExecution failed;
		try (Refusal crash = refuseRows("payment_batch", "status <> 'CLOSED'")) {
			failed = jobControl.settle(DAY);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		List<StepExecution> failedPasses = settlePasses(jobRepository.getJobExecution(failed.getId()));
		assertThat(failedPasses).hasSize(1);
		StepExecution completedPass = failedPasses.get(0);
		assertThat(completedPass.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// 4 payments + the read that found the end
		assertThat(partitions(jobRepository.getJobExecution(failed.getId())).get(0)
			.getExecutionContext()
			.getInt(readCount(1))).isEqualTo(5);

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: settlePayments (allowStartIfComplete) ran again and read the run's
		// current pass, the (empty) second one built after the first: its partition is
		// named after that pass, so it starts from an empty context, never from the
		// completed pass-1 partition's (which Spring Batch 6.0.4+ would hand a partition
		// re-run under the same name, #5238)
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> rerunPasses = settlePasses(jobRepository.getJobExecution(restarted.getId()));
		assertThat(rerunPasses).hasSize(1);
		StepExecution rerun = rerunPasses.get(0);
		assertThat(rerun.getReadCount()).isZero();
		assertThat(rerun.getWriteCount()).isZero();
		// only the read that found the end, and nothing of the first pass's position
		StepExecution rerunPartition = partitions(jobRepository.getJobExecution(restarted.getId())).get(0);
		assertThat(rerunPartition.getStepName()).isEqualTo("settlePaymentsWorker:pass2.part001");
		assertThat(rerunPartition.getExecutionContext().getInt(readCount(2))).isEqualTo(1);
		assertThat(rerunPartition.getExecutionContext().containsKey(readCount(1))).isFalse();
		assertThat(rerunPartition.getExecutionContext().containsKey(lastOrd(1))).isFalse();
		assertThat(jdbc.sql("SELECT status, settled_count FROM payment_batch")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("settled_count")))
			.single()).isEqualTo(tuple("CLOSED", 4));
	}

	@Test
	void aRunThatDiesInTheMiddleOfAChunkScanIsRestartedAndEveryPaymentIsDecidedAndChargedOnce() {
		// given: one chunk [ok-1, down, ok-2] whose retries run out for down, so Spring
		// Batch 6.0.6 rolls it back and scans it one payment per transaction; ok-1's
		// transaction commits (the step stores batch.chunkScanOffset=1), then down's
		// FAILED outcome cannot be stored: the step dies mid-scan
		importer.importFile(drop("scan.csv",
				HEADER + "s-1,Scan,m-s,ok-1,payment,1.00,USD,acct-ok-1,\n"
						+ "s-1,Scan,m-s,down,payment,2.00,USD,acct-down,\n"
						+ "s-1,Scan,m-s,ok-2,payment,3.00,USD,acct-ok-2,\n"));
		sandbox.faults().failNext("acct-down", 100, 500);
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "status <> 'FAILED' OR reference_id <> 'down'")) {
			failed = jobControl.settle(DAY);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		StepExecution diedInScan = partitions(jobRepository.getJobExecution(failed.getId())).get(0);
		assertThat(diedInScan.getExecutionContext().getInt("batch.chunkScanOffset")).isEqualTo(1);
		// ok-1's scan transaction committed; ok-2's settlement went with the rolled-back
		// chunk
		assertThat(storedPayments()).extracting(StoredPayment::referenceId, StoredPayment::status)
			.containsExactly(tuple("down", "PENDING"), tuple("ok-1", "SETTLED"), tuple("ok-2", "PENDING"));

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: every payment is decided once, the settled ones charged once, the batch
		// closed. The restarted pass re-positions its reader by reading
		// batch.chunkScanOffset payments: the reader hands out settled ones too (the
		// processor filters them), so that read is ok-1 and the pass goes on with down
		// (resent with its key, FAILED again) and ok-2 (resent with its key: the gateway
		// replays its first answer and charges nothing new).
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storedPayments()).extracting(StoredPayment::referenceId, StoredPayment::status)
			.containsExactly(tuple("down", "FAILED"), tuple("ok-1", "SETTLED"), tuple("ok-2", "SETTLED"));
		for (String key : jdbc.sql("SELECT unique_key FROM payment WHERE status = 'SETTLED'")
			.query(String.class)
			.list()) {
			assertThat(sandbox.ledger().chargesFor(key)).as("charges for %s", key).isEqualTo(1);
		}
		List<StepExecution> passes = settlePasses(jobRepository.getJobExecution(restarted.getId()));
		assertThat(passes.get(0).getReadCount()).isEqualTo(2);
		assertThat(passes.get(0).getFilterCount()).isZero();
		assertThat(passes.get(0).getWriteCount()).isEqualTo(1);
		assertThat(passes.get(0).getWriteSkipCount()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT status, settled_count, failed_count FROM payment_batch")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("settled_count"), row.getInt("failed_count")))
			.single()).isEqualTo(tuple("CLOSED", 2, 1));
	}

	/**
	 * The execution's settlePayments passes, oldest first. (Not a method returning a
	 * StepExecution: {@code @SpringBatchTest} would take it for the step scope's
	 * factory.)
	 */
	private static List<StepExecution> settlePasses(JobExecution execution) {
		return stepsNamed(execution, "settlePayments");
	}

	/**
	 * The partitions of the execution's passes, oldest first: they hold the readers'
	 * positions.
	 */
	private static List<StepExecution> partitions(JobExecution execution) {
		return stepsNamed(execution, "settlePaymentsWorker:");
	}

	private static List<StepExecution> stepsNamed(JobExecution execution, String name) {
		return execution.getStepExecutions()
			.stream()
			.filter(s -> name.endsWith(":") ? s.getStepName().startsWith(name) : s.getStepName().equals(name))
			.sorted(Comparator.comparing(StepExecution::getId))
			.toList();
	}

	/**
	 * Deserializes every stored job and step context with a new
	 * {@link DefaultExecutionContextSerializer} (the one Boot's JDBC job repository uses,
	 * allow-list on); a class outside the list would throw. The negative control proves
	 * the allow-list is active in the Spring Batch on the class path.
	 */
	private void assertEveryStoredContextPassesTheDefaultAllowList() throws Exception {
		DefaultExecutionContextSerializer serializer = new DefaultExecutionContextSerializer();
		List<String> contexts = jdbc.sql("""
				SELECT COALESCE(SERIALIZED_CONTEXT, SHORT_CONTEXT) FROM BATCH_JOB_EXECUTION_CONTEXT
				UNION ALL
				SELECT COALESCE(SERIALIZED_CONTEXT, SHORT_CONTEXT) FROM BATCH_STEP_EXECUTION_CONTEXT""")
			.query(String.class)
			.list();
		assertThat(contexts).isNotEmpty();
		for (String context : contexts) {
			Map<String, Object> values = serializer
				.deserialize(new ByteArrayInputStream(context.getBytes(StandardCharsets.ISO_8859_1)));
			assertThat(values).isNotNull();
		}

		ByteArrayOutputStream outside = new ByteArrayOutputStream();
		serializer.serialize(Map.of("app.value", new OutsideTheAllowList("x")), outside);
		assertThatThrownBy(() -> serializer.deserialize(new ByteArrayInputStream(outside.toByteArray())))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/** Not a JDK or Spring Batch type: what the allow-list refuses. */
	record OutsideTheAllowList(String value) implements Serializable {
	}

}
