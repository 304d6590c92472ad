package com.settlebatch.settlement;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;
import com.settlebatch.sandbox.SandboxLedger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Seed 002: children run only after their parent settled; processInSequence sends
 * strictly in order.
 */
class DependentPaymentsFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on\n";

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void chainsOfAnyDepthSettleInOneRunAndChildrenOfAFailedParentAreSkipped() {
		// Children come before their parents in the file and in the reader's order.
		importer.importFile(drop("chains.csv", HEADER + "d-1,Chains,m-d,c-3,refund,1.00,USD,acct-1,c-2\n"
				+ "d-1,Chains,m-d,c-2,refund,2.00,USD,acct-1,c-1\n" + "d-1,Chains,m-d,c-1,payment,3.00,USD,acct-1,\n"
				+ "d-1,Chains,m-d,x-3,refund,1.00,USD,acct-1,x-2\n" + "d-1,Chains,m-d,x-2,refund,2.00,USD,acct-1,x-1\n"
				+ "d-1,Chains,m-d,x-1,payment,3.00,USD,acct-blocked-9,\n"
				+ "d-1,Chains,m-d,solo,payment,4.00,USD,acct-2,\n"));

		JobExecution execution = jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storedPayments())
			.extracting(StoredPayment::referenceId, StoredPayment::status, StoredPayment::errorCode)
			.containsExactly(tuple("c-1", "SETTLED", null), tuple("c-2", "SETTLED", null),
					tuple("c-3", "SETTLED", null), tuple("solo", "SETTLED", null), tuple("x-1", "DECLINED", "3004"),
					tuple("x-2", "SKIPPED", "DEPENDENCY_FAILED"), tuple("x-3", "SKIPPED", "DEPENDENCY_FAILED"));
		assertThat(
				jdbc.sql("SELECT error_message FROM payment WHERE reference_id = 'x-2'").query(String.class).single())
			.isEqualTo("parent x-1 ended DECLINED");
		List<String> chargeOrder = sandbox.ledger()
			.charges()
			.stream()
			.map(SandboxLedger.Charge::referenceId)
			.filter(r -> r.startsWith("c-"))
			.toList();
		assertThat(chargeOrder).containsExactly("c-1", "c-2", "c-3");
		// Each refund named its parent's gateway id (the sandbox refuses an unknown one).
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM payment child
				JOIN payment parent ON parent.batch_id = child.batch_id AND parent.reference_id = child.depends_on
				WHERE child.status = 'SETTLED' AND parent.gateway_id IS NOT NULL""").query(Long.class).single())
			.isEqualTo(2);
		assertThat(stepExecutions(execution.getId(), "settlePayments")).hasSize(3);
		assertThat(stepExecutions(execution.getId(), "resolveDependencies").stream()
			.mapToLong(StepExecution::getFilterCount)
			.sum()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT status, settled_count, declined_count, skipped_count FROM payment_batch")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("settled_count"), row.getInt("declined_count"),
					row.getInt("skipped_count")))
			.single()).isEqualTo(tuple("CLOSED", 4, 1, 2));
	}

	@Test
	void aProcessInSequenceBatchIsSentStrictlyInFileOrder() {
		importer.importFile(drop("sequence.json",
				"""
						{"name": "In order", "externalId": "seq-1", "merchantId": "m-s", "processInSequence": true,
						 "payments": [
						   {"referenceId": "s-1", "type": "payment", "amount": "1.00", "currency": "USD", "accountId": "acct-1"},
						   {"referenceId": "s-2", "type": "payment", "amount": "2.00", "currency": "USD", "accountId": "acct-blocked-2"},
						   {"referenceId": "s-3", "type": "payment", "amount": "3.00", "currency": "USD", "accountId": "acct-3"},
						   {"referenceId": "s-4", "type": "payment", "amount": "4.00", "currency": "USD", "accountId": "acct-4"}]}
						"""));
		long callsBefore = sandbox.ledger().callCount();

		assertThat(jobControl.settle(LocalDate.of(2026, 11, 22)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(sandbox.ledger().charges().stream().map(SandboxLedger.Charge::referenceId).toList())
			.containsSubsequence("s-1", "s-3", "s-4");
		assertThat(sandbox.ledger().callCount() - callsBefore).isEqualTo(4);
		assertThat(storedPayments()).extracting(StoredPayment::referenceId, StoredPayment::status)
			.containsExactly(tuple("s-1", "SETTLED"), tuple("s-2", "DECLINED"), tuple("s-3", "SETTLED"),
					tuple("s-4", "SETTLED"));
	}

	@Test
	void aMinifiedJsonFileKeepsItsOrderToo() {
		StringBuilder payments = new StringBuilder();
		for (int i = 1; i <= 12; i++) {
			payments.append(i == 1 ? "" : ",")
				.append("{\"referenceId\":\"m-")
				.append(i)
				.append("\",\"type\":\"payment\",\"amount\":\"1.00\",\"currency\":\"USD\",\"accountId\":\"acct-")
				.append(i)
				.append("\"}");
		}
		importer.importFile(
				drop("minified.json", "{\"name\":\"One line\",\"externalId\":\"min-1\",\"merchantId\":\"m-min\","
						+ "\"processInSequence\":true,\"payments\":[" + payments + "]}"));

		assertThat(jobControl.settle(LocalDate.of(2026, 11, 23)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(sandbox.ledger()
			.charges()
			.stream()
			.map(SandboxLedger.Charge::referenceId)
			.filter(r -> r.startsWith("m-"))
			.toList())
			.containsExactly("m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-7", "m-8", "m-9", "m-10", "m-11", "m-12");
	}

	@Test
	void aSequentialBatchCannotWaitOnALaterPaymentAndOrphansOfRejectsAreRejectedToo() {
		importer.importFile(drop("forward.json",
				"""
						{"name": "Forward", "externalId": "fwd-1", "merchantId": "m-f", "processInSequence": true,
						 "payments": [
						   {"referenceId": "f-1", "type": "refund", "amount": "1.00", "currency": "USD", "accountId": "a", "dependsOn": "f-2"},
						   {"referenceId": "f-2", "type": "payment", "amount": "2.00", "currency": "USD", "accountId": "a"},
						   {"referenceId": "f-3", "type": "refund", "amount": "1.00", "currency": "USD", "accountId": "a", "dependsOn": "f-1"}]}
						"""));

		assertThat(jdbc.sql("SELECT reference_id, reason FROM import_reject ORDER BY line")
			.query((row, i) -> tuple(row.getString("reference_id"), row.getString("reason")))
			.list())
			.containsExactly(tuple("f-1",
					"in a processInSequence batch a payment can only depend on an earlier one; f-2 comes later"),
					tuple("f-3", "its parent f-1 was rejected"));
		assertThat(jobControl.settle(LocalDate.of(2026, 11, 24)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT status FROM payment_batch").query(String.class).single()).isEqualTo("CLOSED");
	}

}
