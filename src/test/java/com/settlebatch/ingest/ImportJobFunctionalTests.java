package com.settlebatch.ingest;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.util.ReflectionTestUtils;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.refusal.RefusedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ImportJobFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on,custom_data\n";

	@Autowired
	FileImporter importer;

	@Autowired
	@Qualifier("importPaymentsStep")
	Step importPaymentsStep;

	@Test
	void theImportStepMakesNoObservationPerRowEvenAfterSpringBatchHandedItTheApplicationsRegistry() {
		// given the step bean, after every bean post-processor has run on it

		// when
		Object registry = ReflectionTestUtils.getField(importPaymentsStep, "observationRegistry");

		// then
		assertThat(registry).isSameAs(ObservationRegistry.NOOP);
	}

	@Test
	void importsGoodRowsAndRecordsEveryBadOneWithItsLineFieldAndReason() throws Exception {
		Path file = drop("mixed.csv", HEADER + "b-1,First,m-1,r-1,payment,10.00,USD,acct-1,,\n" // line
																								// 2
				+ "b-1,First,m-1,r-2,payment,-5.00,USD,acct-1,,\n" // 3: negative
				+ "b-1,First,m-1,r-3,payment,1.999,USD,acct-1,,\n" // 4: too many decimals
				+ "b-2,Second,m-2,r-1,refund,7,JPY,acct-2,,\n" // 5
				+ "b-1,First,m-1,=HYPERLINK(\"x\"),payment,1.00,USD,acct-1,,\n" // 6:
																				// formula
				+ "b-1,First,m-1,r-4,payment,1.00,ZZZ,acct-1,,\n" // 7: currency
				+ "b-1,First,m-1,r-5,payment\n" // 8: wrong cell count (read skip)
				+ "b-1,First,m-1,r-1,payment,3.00,USD,acct-1,,\n" // 9: duplicate
																	// reference (write
																	// skip)
				+ "b-2,Second,m-2,r-2,payment,8,JPY,acct-2,r-1,\n" // 10: child of r-1
				+ "b-2,Second,m-2,r-3,payment,9,JPY,acct-2,nobody,\n" // 11: unknown
																		// parent
																		// (dependency)
				+ "b-1,First,m-OTHER,r-6,payment,1.00,USD,acct-1,,\n" // 12: merchant
																		// differs (write
																		// skip)
				+ "b-1,First,m-1,r-7,payout,2.50,EUR,acct-3,,\"{\"\"k\"\":1}\"\n"); // 13

		JobExecution execution = importer.importFile(file);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution rows = only(stepExecutions(execution.getId(), "importPayments"));
		assertThat(rows.getReadSkipCount()).isEqualTo(1);
		assertThat(rows.getReadCount()).isEqualTo(11);
		assertThat(rows.getProcessSkipCount()).isEqualTo(4);
		assertThat(rows.getWriteSkipCount()).isEqualTo(2);
		assertThat(rows.getWriteCount()).isEqualTo(5);
		assertThat(rows.getReadCount())
			.isEqualTo(rows.getWriteCount() + rows.getProcessSkipCount() + rows.getWriteSkipCount());
		StepExecution dependencies = only(stepExecutions(execution.getId(), "checkDependencies"));
		assertThat(dependencies.getReadCount()).isEqualTo(5);
		assertThat(dependencies.getWriteSkipCount()).isEqualTo(1);

		assertThat(jdbc.sql("SELECT line, field FROM import_reject ORDER BY line, field")
			.query((row, i) -> tuple(row.getLong("line"), row.getString("field")))
			.list()).containsExactly(tuple(3L, "amount"), tuple(4L, "amount"), tuple(6L, "reference_id"),
					tuple(7L, "currency"), tuple(8L, "record"), tuple(9L, "reference_id"), tuple(11L, "depends_on"),
					tuple(12L, "merchant_id"));
		assertThat(jdbc.sql("SELECT reason FROM import_reject WHERE line = 4").query(String.class).single())
			.contains("has 3 decimals but USD allows 2");

		assertThat(jdbc.sql("SELECT external_id, status, payment_count FROM payment_batch ORDER BY external_id")
			.query((row, i) -> tuple(row.getString("external_id"), row.getString("status"),
					row.getInt("payment_count")))
			.list()).containsExactly(tuple("b-1", "SUBMITTED", 2), tuple("b-2", "SUBMITTED", 2));

		Path processed = inputFolder.dir().resolve("processed");
		assertThat(processed.resolve("mixed.csv")).exists();
		assertThat(file).doesNotExist();
		String rejectsFile = Files.readString(processed.resolve("mixed.csv.rejects.csv"));
		assertThat(rejectsFile.lines()).hasSize(1 + 8);
		assertThat(rejectsFile).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
	}

	@Test
	void aRowWhoseBytesAreNotUtf8IsRejectedAtItsLineAndTheGoodRowsAreImported() throws Exception {
		// given a file whose third line holds a byte that is not UTF-8
		Path file = inputFolder.dir().resolve("latin1.csv");
		Files.write(file,
				concat((HEADER + "b-1,First,m-1,r-1,payment,10.00,USD,acct-1,,\nb-1,Caf")
					.getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xE9 },
						",m-1,r-2,payment,1.00,USD,acct-1,,\nb-1,First,m-1,r-3,payment,2.00,USD,acct-1,,\n"
							.getBytes(StandardCharsets.UTF_8)));

		// when it is imported
		JobExecution execution = importer.importFile(file);

		// then the good rows are in, the bad one is a reject with its line, the file
		// processed
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT reference_id FROM payment ORDER BY reference_id").query(String.class).list())
			.containsExactly("r-1", "r-3");
		assertThat(jdbc.sql("SELECT line, field, reason FROM import_reject")
			.query((row, i) -> tuple(row.getLong("line"), row.getString("field"), row.getString("reason")))
			.list()).containsExactly(tuple(3L, "record", "is not valid UTF-8 at line 3 (byte offset 161)"));
		Path processed = inputFolder.dir().resolve("processed");
		assertThat(processed.resolve("latin1.csv")).exists();
		assertThat(Files.readString(processed.resolve("latin1.csv.rejects.csv"), StandardCharsets.UTF_8))
			.contains("is not valid UTF-8 at line 3");
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	@Test
	void theSameContentDroppedAgainIsRecognisedAndNotImportedTwice() throws Exception {
		String content = HEADER + "b-9,Nine,m-9,r-1,payment,1.00,USD,acct-1,,\n";
		assertThat(importer.importFile(drop("first.csv", content)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Path again = drop("renamed-copy.csv", content);
		assertThatThrownBy(() -> importer.importFile(again)).isInstanceOf(RefusedException.class)
			.hasMessageContaining("same content as first.csv")
			.satisfies(e -> assertThat(((RefusedException) e).kind()).isEqualTo(RefusedException.Kind.CONFLICT));

		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(1);
		assertThat(inputFolder.dir().resolve("failed/renamed-copy.csv")).exists();
	}

	@Test
	void anUnreadableFileFailsTheImportAndMovesToFailedWithItsReason() throws Exception {
		Path file = drop("bad-header.csv", "batch_external_id,colour\nb,red\n");

		JobExecution execution = importer.importFile(file);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		Path failed = inputFolder.dir().resolve("failed");
		assertThat(failed.resolve("bad-header.csv")).exists();
		assertThat(Files.readString(failed.resolve("bad-header.csv.reason.txt"))).contains("colour");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_batch").query(Long.class).single()).isZero();
	}

	@Test
	void jsonAmountsAreReadExactlyWhateverTheirShape() {
		Path file = drop("batches.json", """
				{"payments": [
				   {"referenceId": "a", "type": "payment", "amount": 12.00, "currency": "USD", "accountId": "x"},
				   {"referenceId": "b", "type": "payment", "amount": "0.10", "currency": "USD", "accountId": "x"},
				   {"referenceId": "c", "type": "payment", "amount": "1.234", "currency": "KWD", "accountId": "x"}],
				 "name": "Fields after payments", "externalId": "j-1", "merchantId": "m-j"}
				""");

		assertThat(importer.importFile(file).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(jdbc.sql("SELECT reference_id, amount FROM payment ORDER BY reference_id")
			.query((row, i) -> tuple(row.getString("reference_id"), row.getBigDecimal("amount")))
			.list()).containsExactly(tuple("a", new BigDecimal("12.000")), tuple("b", new BigDecimal("0.100")),
					tuple("c", new BigDecimal("1.234")));
	}

}
