package com.settlebatch.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.NewBatch;
import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.batches.PaymentRepository.PaymentKey;
import com.settlebatch.batches.NewPayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A file in payment order rather than grouped by batch: every chunk names several
 * batches, every batch spans several chunks, and the same reference ids recur in
 * different batches. The duplicate check probes exactly the chunk's (batch, reference id)
 * pairs (chunk size 4 in the functional tests).
 */
class InterleavedImportFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,"
			+ "account_id,depends_on,custom_data\n";

	@Autowired
	FileImporter importer;

	@Autowired
	BatchRepository batchRepository;

	@Autowired
	PaymentRepository paymentRepository;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void anInterleavedFileRejectsOnlyTheReferencesRepeatedInTheirOwnBatch() {
		// given three chunks whose rows interleave three batches; chunk 2 holds the
		// references of chunk 1 in other batches, chunk 3 repeats two of chunk 1 in
		// their own batch
		String csv = HEADER + row("b-a", "r-1") // line 2, chunk 1
				+ row("b-b", "r-2") // 3
				+ row("b-c", "r-3") // 4
				+ row("b-a", "r-4") // 5
				+ row("b-b", "r-1") // 6, chunk 2: r-1 is b-a's, not b-b's
				+ row("b-a", "r-2") // 7: r-2 is b-b's, not b-a's
				+ row("b-c", "r-1") // 8
				+ row("b-b", "r-3") // 9
				+ row("b-a", "r-1") // 10, chunk 3: duplicate of line 2
				+ row("b-c", "r-3") // 11: duplicate of line 4
				+ row("b-b", "r-4") // 12
				+ row("b-a", "r-3"); // 13

		// when
		JobExecution execution = importer.importFile(drop("interleaved.csv", csv));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT line, field, reason FROM import_reject ORDER BY line")
			.query((rs, i) -> tuple(rs.getLong("line"), rs.getString("field"), rs.getString("reason")))
			.list())
			.containsExactly(tuple(10L, "reference_id", "duplicate reference_id in batch b-a (first at line 2)"),
					tuple(11L, "reference_id", "duplicate reference_id in batch b-c (first at line 4)"));
		assertThat(jdbc.sql("""
				SELECT b.external_id, p.reference_id, p.source_line FROM payment p
				JOIN payment_batch b ON b.id = p.batch_id ORDER BY p.source_line""")
			.query((rs, i) -> tuple(rs.getString("external_id"), rs.getString("reference_id"),
					rs.getLong("source_line")))
			.list()).containsExactly(tuple("b-a", "r-1", 2L), tuple("b-b", "r-2", 3L), tuple("b-c", "r-3", 4L),
					tuple("b-a", "r-4", 5L), tuple("b-b", "r-1", 6L), tuple("b-a", "r-2", 7L), tuple("b-c", "r-1", 8L),
					tuple("b-b", "r-3", 9L), tuple("b-b", "r-4", 12L), tuple("b-a", "r-3", 13L));
		assertThat(jdbc.sql("SELECT external_id, status, payment_count FROM payment_batch ORDER BY external_id")
			.query((rs, i) -> tuple(rs.getString("external_id"), rs.getString("status"), rs.getInt("payment_count")))
			.list())
			.containsExactly(tuple("b-a", "SUBMITTED", 4), tuple("b-b", "SUBMITTED", 4), tuple("b-c", "SUBMITTED", 2));
	}

	@Test
	void aBatchMetAgainAfterTheWriterForgotItIsFoundAgainNotCreatedTwice() {
		// given a batch whose rows come back after forty other batches: more than the
		// writer keeps in memory (eight chunks of 4 in the functional tests)
		StringBuilder csv = new StringBuilder(HEADER).append(row("b-first", "r-1"));
		for (int i = 1; i <= 40; i++) {
			csv.append(row("b-" + i, "r-1"));
		}
		csv.append(row("b-first", "r-2")).append(row("b-first", "r-1"));

		// when
		JobExecution execution = importer.importFile(drop("forgotten.csv", csv.toString()));

		// then the late rows join the batch the first row opened, and its repeat is still
		// rejected with the first line
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT payment_count FROM payment_batch WHERE external_id = 'b-first'")
			.query(Integer.class)
			.list()).containsExactly(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_batch").query(Long.class).single()).isEqualTo(41);
		assertThat(jdbc.sql("SELECT line, reason FROM import_reject")
			.query((rs, i) -> tuple(rs.getLong("line"), rs.getString("reason")))
			.list()).containsExactly(tuple(44L, "duplicate reference_id in batch b-first (first at line 2)"));
	}

	@Test
	void storedReferencesAnswersExactlyThePairsAskedNotTheirCrossProduct() {
		// given two batches that both hold r-1 and r-2
		List<String> batches = batchRepository.insertDrafts(
				List.of(new NewBatch("b-x", "X", "m-1", false, null), new NewBatch("b-y", "Y", "m-1", false, null)));
		String x = batches.get(0);
		String y = batches.get(1);
		List<NewPayment> payments = new ArrayList<>();
		long line = 1;
		for (String batch : batches) {
			for (String reference : List.of("r-1", "r-2")) {
				payments.add(new NewPayment(batch, (int) line, reference, "payment", new BigDecimal("1.00"), "USD",
						"acct-1", null, null, line++));
			}
		}
		transactions.executeWithoutResult(status -> paymentRepository.addPayments(payments));

		// when asked for x/r-1, y/r-2 and a pair that is not stored
		Map<PaymentKey, Long> found = transactions.execute(status -> paymentRepository
			.storedReferences(List.of(new PaymentKey(x, "r-1"), new PaymentKey(y, "r-2"), new PaymentKey(x, "r-9"))));

		// then only those two come back, not x/r-2 nor y/r-1
		assertThat(found).containsOnly(entry(new PaymentKey(x, "r-1"), 1L), entry(new PaymentKey(y, "r-2"), 4L));
	}

	private static String row(String batch, String reference) {
		return batch + ",Batch " + batch + ",m-1," + reference + ",payment,1.00,USD,acct-1,,\n";
	}

}
