package com.settlebatch.inbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.rules.PaymentRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class InboxImportFunctionalTests extends FunctionalTestSupport {

	@Autowired
	InboxImporter inbox;

	@Test
	void newRowsAreTakenOnceAndImportedLikeFileRows() {
		long a = insert("in-1", "r-1", "payment", "10.00", "USD", null);
		long b = insert("in-1", "r-2", "refund", "2.50", "USD", "r-1");
		jdbc.sql(
				"""
						INSERT INTO payment_inbox (batch_external_id, batch_name, merchant_id, process_in_sequence, reference_id,
						                           type, amount, currency, account_id, custom_data)
						VALUES ('in-2', 'Seq', 'm-2', TRUE, 's-1', 'payout', '7', 'JPY', 'acct-9', '{"k": 1}')""")
			.update();

		JobExecution first = inbox.drain();

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM payment_inbox
				WHERE status = 'IMPORTED' AND job_execution_id = ? AND taken_at IS NOT NULL""")
			.param(first.getId())
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(jdbc.sql(
				"SELECT external_id, status, payment_count, process_in_sequence FROM payment_batch ORDER BY external_id")
			.query((row, i) -> tuple(row.getString("external_id"), row.getString("status"), row.getInt("payment_count"),
					row.getBoolean("process_in_sequence")))
			.list()).containsExactly(tuple("in-1", "SUBMITTED", 2, false), tuple("in-2", "SUBMITTED", 1, true));
		assertThat(jdbc.sql("SELECT reference_id, source_line, amount, depends_on FROM payment ORDER BY source_line")
			.query((row, i) -> tuple(row.getString("reference_id"), row.getLong("source_line"),
					row.getBigDecimal("amount"), row.getString("depends_on")))
			.list()).startsWith(tuple("r-1", a, new BigDecimal("10.000"), null),
					tuple("r-2", b, new BigDecimal("2.500"), "r-1"));
		assertThat(jdbc.sql("SELECT custom_data FROM payment WHERE reference_id = 's-1'").query(String.class).single())
			.isEqualTo("{\"k\":1}");
		assertThat(jdbc.sql("SELECT file_name FROM import_file").query(String.class).single())
			.startsWith("payment_inbox#");

		assertThat(inbox.drain()).as("nothing NEW: no run").isNull();

		long late = insert("in-3", "r-1", "payment", "1.00", "EUR", null);
		JobExecution second = inbox.drain();

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(second.getId(), "claimInbox")).getWriteCount()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT job_execution_id FROM payment_inbox WHERE id = ?")
			.param(late)
			.query(Long.class)
			.single()).isEqualTo(second.getId());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(4);
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT source_line) FROM payment").query(Long.class).single()).isEqualTo(4);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM import_reject").query(Long.class).single()).isZero();
	}

	@Test
	void badRowsAreRejectedWithTheirInboxIdAsLineAndMarkedRejected() {
		long good = insert("bad-1", "r-1", "payment", "10.00", "USD", null);
		long negative = insert("bad-1", "r-2", "payment", "-5.00", "USD", null);
		long currency = insert("bad-1", "r-3", "payment", "1.00", "ZZZ", null);
		long formula = insert("bad-1", "=HYPERLINK(\"x\")", "payment", "1.00", "USD", null);
		long duplicate = insert("bad-1", "r-1", "payment", "3.00", "USD", null);
		long orphan = insert("bad-1", "r-4", "payment", "4.00", "USD", "nobody");
		long noType = insert("bad-1", "r-5", null, "4.00", "USD", null);

		JobExecution execution = inbox.drain();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String importName = jdbc.sql("SELECT file_name FROM import_file").query(String.class).single();
		assertThat(jdbc.sql("SELECT line, field, source FROM import_reject ORDER BY line, field")
			.query((row, i) -> tuple(row.getLong("line"), row.getString("field"), row.getString("source")))
			.list()).containsExactly(tuple(negative, "amount", "payment_inbox"),
					tuple(currency, "currency", "payment_inbox"), tuple(formula, "reference_id", "payment_inbox"),
					tuple(duplicate, "reference_id", "payment_inbox"), tuple(orphan, "depends_on", importName),
					tuple(noType, "type", "payment_inbox"));
		assertThat(
				jdbc.sql("SELECT id FROM payment_inbox WHERE status = 'REJECTED' ORDER BY id").query(Long.class).list())
			.containsExactly(negative, currency, formula, duplicate, orphan, noType);
		assertThat(jdbc.sql("SELECT id FROM payment_inbox WHERE status = 'IMPORTED'").query(Long.class).list())
			.containsExactly(good);
		assertThat(jdbc.sql("SELECT source_line FROM payment").query(Long.class).list()).containsExactly(good);
		assertThat(jdbc.sql("SELECT payment_count FROM payment_batch").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void rowsCarryingCardNumbersAreRejectedLikeFileRows() {
		// given inbox rows with a card number in custom data and as the account id
		long good = insert("card-1", "r-1", "payment", "1.00", "USD", null);
		jdbc.sql("""
				INSERT INTO payment_inbox (batch_external_id, batch_name, merchant_id, reference_id, type, amount,
				                           currency, account_id, custom_data)
				VALUES ('card-1', 'Batch card-1', 'm-1', 'r-2', 'payment', '1.00', 'USD', 'acct-1',
				        '{"card": "4111111111111111"}'),
				       ('card-1', 'Batch card-1', 'm-1', 'r-3', 'payment', '1.00', 'USD', '5500000000000004', NULL)""")
			.update();

		// when the inbox is drained
		inbox.drain();

		// then both are rejects for their card data, the numbers masked, and only the
		// good row is a payment
		assertThat(jdbc.sql("SELECT field, reason, raw_value FROM import_reject ORDER BY line")
			.query((row, i) -> tuple(row.getString("field"), row.getString("reason"), row.getString("raw_value")))
			.list()).containsExactly(
					tuple("custom_data", PaymentRules.CUSTOM_DATA_CARRIES_CARD, "{\"card\": \"411111******1111\"}"),
					tuple("account_id", PaymentRules.ACCOUNT_ID_IS_CARD, "550000******0004"));
		assertThat(jdbc.sql("SELECT source_line FROM payment").query(Long.class).list()).containsExactly(good);
	}

	@Test
	void twoDrainsAtTheSameMomentImportEveryRowExactlyOnce() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			int rows = 0;
			for (int round = 1; round <= 3; round++) {
				for (int i = 1; i <= 40; i++) {
					insert("c" + round + "-" + (i % 5), "r-" + i, "payment", i + ".00", "USD", null);
					rows++;
				}
				CyclicBarrier together = new CyclicBarrier(2);
				// Lambdas here return the status, never a JobExecution: @SpringBatchTest
				// would take a no-argument method returning one for its job-scope
				// factory.
				List<Future<Map.Entry<Long, BatchStatus>>> drains = new ArrayList<>();
				for (int t = 0; t < 2; t++) {
					drains.add(threads.submit(() -> {
						together.await();
						JobExecution execution = inbox.drain();
						return execution == null ? null : Map.entry(execution.getId(), execution.getStatus());
					}));
				}
				List<Long> executions = new ArrayList<>();
				for (Future<Map.Entry<Long, BatchStatus>> drain : drains) {
					Map.Entry<Long, BatchStatus> execution = drain.get(60, TimeUnit.SECONDS);
					if (execution != null) {
						assertThat(execution.getValue()).isEqualTo(BatchStatus.COMPLETED);
						executions.add(execution.getKey());
					}
				}
				assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_inbox WHERE status <> 'IMPORTED'")
					.query(Long.class)
					.single()).isZero();
				assertThat(
						jdbc.sql("SELECT DISTINCT job_execution_id FROM payment_inbox WHERE batch_external_id LIKE ?")
							.param("c" + round + "-%")
							.query(Long.class)
							.list())
					.isSubsetOf(executions);
				assertThat(executions.stream()
					.mapToLong(id -> only(stepExecutions(id, "claimInbox")).getWriteCount())
					.sum()).isEqualTo(40);
			}
			assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(rows);
			assertThat(jdbc.sql("SELECT COUNT(DISTINCT source_line) FROM payment").query(Long.class).single())
				.isEqualTo(rows);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM import_reject").query(Long.class).single()).isZero();
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aFailedRunIsResumedByTheNextDrainAndImportsEveryRowItTookExactlyOnce() {
		for (int i = 1; i <= 7; i++) {
			insert("rs-1", "r-" + i, "payment", i + ".00", "USD", null);
		}
		// Chunks of 4 (functional-test.properties): the second chunk cannot be stored.
		jdbc.sql("ALTER TABLE payment ADD CONSTRAINT test_inbox_crash CHECK (reference_id <> 'r-6')").update();
		JobExecution failed;
		try {
			failed = inbox.drain();

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(statuses()).containsExactly(Map.entry("IMPORTED", 4L), Map.entry("TAKEN", 3L));
			assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(4);

			// A drain meanwhile tries the failed run again (it fails again: still broken)
			// and takes only the new rows.
			long late = insert("rs-late", "r-1", "payment", "1.00", "USD", null);
			JobExecution meanwhile = inbox.drain();
			assertThat(meanwhile.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(jdbc.sql("SELECT id FROM payment_inbox WHERE job_execution_id = ?")
				.param(meanwhile.getId())
				.query(Long.class)
				.list()).containsExactly(late);
		}
		finally {
			jdbc.sql("ALTER TABLE payment DROP CONSTRAINT test_inbox_crash").update();
		}

		// Nothing NEW: the next drain resumes the failed run by itself; its TAKEN rows
		// wait for no one.
		JobExecution restarted = inbox.drain();

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(only(stepExecutions(restarted.getId(), "importPayments")).getReadCount()).isEqualTo(3);
		assertThat(statuses()).containsExactly(Map.entry("IMPORTED", 8L));
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM payment_inbox WHERE batch_external_id = 'rs-1' AND job_execution_id = ?")
					.param(failed.getId())
					.query(Long.class)
					.single())
			.isEqualTo(7);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(8);
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT source_line) FROM payment").query(Long.class).single()).isEqualTo(8);
		assertThat(jdbc.sql("SELECT status, payment_count FROM payment_batch WHERE external_id = 'rs-1'")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("payment_count")))
			.single()).isEqualTo(tuple("SUBMITTED", 7));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM import_reject").query(Long.class).single()).isZero();
	}

	@Test
	void aRunReadsItsRowsInIdOrderAcrossPagesThatHoldOtherRunsRows() {
		// given twelve rows of which the 2nd to 6th were imported by an earlier run, so
		// that the run's ids have a gap wider than a page (4 in the functional tests)
		List<Long> ids = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			ids.add(insert("gap-1", "r-" + i, "payment", i + ".00", "USD", null));
		}
		jdbc.sql("UPDATE payment_inbox SET status = 'IMPORTED' WHERE id BETWEEN ? AND ?")
			.params(ids.get(1), ids.get(5))
			.update();

		// when
		JobExecution run = inbox.drain();

		// then every row it took is imported once, in id order
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Long> taken = new ArrayList<>(ids.subList(6, 12));
		taken.add(0, ids.get(0));
		assertThat(only(stepExecutions(run.getId(), "importPayments")).getReadCount()).isEqualTo(7);
		assertThat(jdbc.sql("SELECT source_line FROM payment ORDER BY seq").query(Long.class).list())
			.containsExactlyElementsOf(taken);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_inbox WHERE status = 'IMPORTED' AND job_execution_id = ?")
			.param(run.getId())
			.query(Long.class)
			.single()).isEqualTo(7);
	}

	private List<Map.Entry<String, Long>> statuses() {
		return jdbc.sql("SELECT status, COUNT(*) AS n FROM payment_inbox GROUP BY status ORDER BY status")
			.query((rs, n) -> Map.entry(rs.getString("status"), rs.getLong("n")))
			.list();
	}

	/** As upstream does: business columns only. */
	private long insert(String batch, String reference, String type, String amount, String currency, String dependsOn) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO payment_inbox (batch_external_id, batch_name, merchant_id, reference_id, type, amount,
				                           currency, account_id, depends_on)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(batch, "Batch " + batch, "m-1", reference, type, amount, currency, "acct-1", dependsOn)
			.update(key, "id");
		return key.getKey().longValue();
	}

}
