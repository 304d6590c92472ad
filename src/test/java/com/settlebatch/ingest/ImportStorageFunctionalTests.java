package com.settlebatch.ingest;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.batches.NewBatch;
import com.settlebatch.batches.NewPayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the set-wise import stores: on PostgreSQL a chunk's payments go in as one COPY in
 * text format, whose escapes (backslash, tab, newline) must not change a single
 * character; on H2 as one JDBC batch. The same assertions run on both databases.
 */
class ImportStorageFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,"
			+ "account_id,depends_on,custom_data\n";

	@Autowired
	FileImporter importer;

	@Autowired
	BatchRepository batchRepository;

	@Autowired
	PaymentRepository paymentRepository;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Test
	void everyValueIsStoredExactlyAsGivenWhateverCharactersItHolds() {
		// given custom data whose JSON holds backslash escapes, quotes and non-ASCII text
		String customData = """
				{"note":"tab\\there, newline\\nthere, backslash \\\\ and \\"quotes\\"","who":"Zoë Ångström"}""";
		JobExecution execution = importer.importFile(drop("odd.csv",
				HEADER + "b-odd,Odd values,m-1,ref\\1,payment,1.234,KWD,acct/1,,\"" + customData.replace("\"", "\"\"")
						+ "\"\n" + "b-odd,Odd values,m-1,ref-2,refund,10.00,USD,acct-2,ref\\1,\n"));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc
			.sql("SELECT reference_id, amount, currency, account_id, custom_data FROM payment WHERE depends_on IS NULL")
			.query((row, i) -> tuple(row.getString("reference_id"), row.getBigDecimal("amount"),
					row.getString("currency"), row.getString("account_id"), row.getString("custom_data")))
			.single()).isEqualTo(tuple("ref\\1", new BigDecimal("1.234"), "KWD", "acct/1", customData));
		assertThat(jdbc.sql("SELECT depends_on, type, amount, source_line FROM payment WHERE custom_data IS NULL")
			.query((row, i) -> tuple(row.getString("depends_on"), row.getString("type"), row.getBigDecimal("amount"),
					row.getLong("source_line")))
			.single()).isEqualTo(tuple("ref\\1", "refund", new BigDecimal("10.000"), 3L));
	}

	@Test
	void charactersOutsideTheBasicPlaneSurviveAChunkLargerThanTheDriversBuffers() {
		// given a chunk of payments whose custom data is full of emoji (two chars each in
		// Java): its COPY text runs far past the 64K characters that the driver would
		// encode piece by piece
		String batchId = batchRepository.insertDrafts(List.of(new NewBatch("b-emoji", "Emoji", "m-1", false, null)))
			.get(0);
		String customData = "{\"note\":\"" + "\uD83D\uDE00".repeat(1000) + "x\"}";
		List<NewPayment> payments = new java.util.ArrayList<>();
		for (int i = 1; i <= 100; i++) {
			payments.add(new NewPayment(batchId, i, "e-" + i, "payment", new java.math.BigDecimal("1.00"), "USD",
					"acct-1", null, customData.substring(0, customData.length() - 2 - i % 2) + "\"}", (long) i));
		}

		// when
		transactions.executeWithoutResult(status -> paymentRepository.addPayments(payments));

		// then every value is stored as given
		List<String> stored = jdbc.sql("SELECT custom_data FROM payment ORDER BY seq").query(String.class).list();
		assertThat(stored).containsExactlyElementsOf(payments.stream().map(NewPayment::customData).toList());
	}

	@Test
	void paymentsGetTimeOrderedIdsAndUniqueKeysOfTheirOwn() {
		// given a file of two chunks (chunk size 4 in the functional tests)
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= 6; i++) {
			csv.append("b-ids,Ids,m-1,r-").append(i).append(",payment,").append(i).append(".00,USD,acct-1,,\n");
		}

		// when
		JobExecution execution = importer.importFile(drop("ids.csv", csv.toString()));

		// then
		// (no helper method returning a StepExecution: @SpringBatchTest would take it for
		// a step-scope factory)
		StepExecution importPayments = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("importPayments"))
			.findFirst()
			.orElseThrow();
		assertThat(importPayments.getWriteCount()).isEqualTo(6);
		assertThat(importPayments.getCommitCount()).isEqualTo(2);
		List<String> ids = jdbc.sql("SELECT id FROM payment ORDER BY source_line").query(String.class).list();
		List<String> keys = jdbc.sql("SELECT unique_key FROM payment ORDER BY source_line").query(String.class).list();
		// RFC 9562 version 7: the version nibble is 7, the variant bits are 10
		assertThat(ids).allMatch(id -> id.charAt(14) == '7' && "89ab".indexOf(id.charAt(19)) >= 0);
		assertThat(keys).allMatch(key -> key.charAt(14) == '7')
			.doesNotHaveDuplicates()
			.doesNotContainAnyElementsOf(ids);
		// minted one after the other, they sort in minting order (the millisecond prefix
		// never decreases)
		assertThat(ids.stream().map(id -> id.substring(0, 13)).toList()).isSorted();
	}

}
