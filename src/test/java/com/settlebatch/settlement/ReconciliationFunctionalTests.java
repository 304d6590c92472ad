package com.settlebatch.settlement;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;
import com.settlebatch.sandbox.SandboxLedger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past its Unique-Key's validity (24 h) a payment is looked up at the gateway, never
 * resent blindly.
 */
class ReconciliationFunctionalTests extends FunctionalTestSupport {

	private static final String CSV = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
			+ "rc-1,Reconcile,m-rc,r-1,payment,9.99,USD,acct-1\n";

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void aPaymentChargedBeforeACrashAndRestartedAfterTheKeyWindowIsSettledFromTheLookup() {
		importer.importFile(drop("late.csv", CSV));
		jdbc.sql("ALTER TABLE payment ADD CONSTRAINT test_crash_late CHECK (status <> 'SETTLED')").update();
		JobExecution crashed = jobControl.settle(LocalDate.of(2026, 11, 21));
		assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
		String key = jdbc.sql("SELECT unique_key FROM payment").query(String.class).single();
		assertThat(sandbox.ledger().chargesFor(key)).isEqualTo(1);
		// The stamp of the first send survived the rolled-back chunk; now make it two
		// days old.
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE first_sent_at IS NOT NULL").query(Long.class).single())
			.isEqualTo(1);
		jdbc.sql("UPDATE payment SET first_sent_at = ?").param(OffsetDateTime.now().minusDays(2)).update();
		jdbc.sql("ALTER TABLE payment DROP CONSTRAINT test_crash_late").update();
		long callsBefore = sandbox.ledger().callCount();

		JobExecution restarted = jobControl.restart(crashed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sandbox.ledger().callCount()).as("payment calls sent on restart").isEqualTo(callsBefore);
		assertThat(sandbox.ledger().chargesFor(key)).isEqualTo(1);
		String charged = sandbox.ledger()
			.charges()
			.stream()
			.filter(c -> c.uniqueKey().equals(key))
			.map(SandboxLedger.Charge::gatewayId)
			.findFirst()
			.orElseThrow();
		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::gatewayId)
			.containsExactly("SETTLED", charged);
	}

	@Test
	void nearTheEndOfTheKeyWindowAPaymentTheGatewayNeverSawIsFailedNotResent() {
		String key = neverSentButStamped(OffsetDateTime.now().minusMinutes(23 * 60 + 30));
		long callsBefore = sandbox.ledger().callCount();

		JobExecution execution = jobControl.settle(LocalDate.of(2026, 11, 22));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sandbox.ledger().callCount()).isEqualTo(callsBefore);
		assertThat(sandbox.ledger().chargesFor(key)).isZero();
		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::errorCode, StoredPayment::attempts)
			.containsExactly("FAILED", "NOT_FOUND", 0);
		assertThat(only(stepExecutions(execution.getId(), "settlePayments")).getWriteSkipCount()).isEqualTo(1);
	}

	@Test
	void pastTheKeyWindowTheGatewaysNotFoundProvesNothingAndThePaymentIsFlaggedForReconciliation() {
		String key = neverSentButStamped(OffsetDateTime.now().minusHours(25));
		long callsBefore = sandbox.ledger().callCount();

		jobControl.settle(LocalDate.of(2026, 11, 23));

		assertThat(sandbox.ledger().callCount()).as("never resent").isEqualTo(callsBefore);
		assertThat(sandbox.ledger().chargesFor(key)).isZero();
		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::errorCode)
			.containsExactly("FAILED", "UNKNOWN_AFTER_KEY_EXPIRY");
		assertThat(jdbc.sql("SELECT error_message FROM payment").query(String.class).single())
			.contains("reconcile before resubmitting");
	}

	/** A run stamped the first send and died before the request left. */
	private String neverSentButStamped(OffsetDateTime firstSent) {
		importer.importFile(drop("never.csv", CSV));
		jdbc.sql("UPDATE payment SET first_sent_at = ?").param(firstSent).update();
		return jdbc.sql("SELECT unique_key FROM payment").query(String.class).single();
	}

}
