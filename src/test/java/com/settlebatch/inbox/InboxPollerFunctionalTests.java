package com.settlebatch.inbox;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.settlebatch.FunctionalTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inbox poller of {@code settle serve}, polling fast. */
@TestPropertySource(properties = { "settle.inbox.watch=true", "settle.inbox.poll-interval=100ms" })
// Stops the poller after this class: a cached context would go on draining the shared
// database.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InboxPollerFunctionalTests extends FunctionalTestSupport {

	@Test
	void rowsUpstreamInsertsAreImportedWithoutAnyoneAskingAndTheImportIsAudited() {
		long before = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
		for (int i = 1; i <= 3; i++) {
			jdbc.sql("""
					INSERT INTO payment_inbox (batch_external_id, batch_name, merchant_id, reference_id, type, amount,
					                           currency, account_id)
					VALUES ('poll-1', 'Polled', 'm-1', ?, 'payment', '1.00', 'USD', 'acct-1')""")
				.param("r-" + i)
				.update();
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM payment_inbox WHERE status = 'IMPORTED'")
				.query(Long.class)
				.single() == 3
					&& jdbc.sql("SELECT COUNT(*) FROM payment_batch WHERE status = 'SUBMITTED'")
						.query(Long.class)
						.single() == 1
					&& jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE END_TIME IS NULL")
						.query(Long.class)
						.single() == 0);

		assertThat(jdbc.sql("SELECT payment_count FROM payment_batch").query(Integer.class).single()).isEqualTo(3);
		long run = jdbc.sql("SELECT DISTINCT job_execution_id FROM payment_inbox").query(Long.class).single();
		// The row follows the run: the poller writes it once drain() has returned.
		await().atMost(Duration.ofSeconds(10)).until(() -> inboxRows(before) > 0);
		assertThat(jdbc.sql("""
				SELECT actor, actor_kind, action, target, outcome, detail FROM audit_event
				WHERE id > ? AND origin = 'INBOX'""")
			.param(before)
			.query((row, n) -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
					row.getString(5), row.getString(6)))
			.list())
			.containsExactly(List.of("settle", "SYSTEM", "import.inbox", "execution " + run, "OK", "ended COMPLETED"));
	}

	private long inboxRows(long after) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE id > ? AND origin = 'INBOX'")
			.param(after)
			.query(Long.class)
			.single();
	}

}
