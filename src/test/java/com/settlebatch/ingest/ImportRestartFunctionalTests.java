package com.settlebatch.ingest;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ImportRestartFunctionalTests extends FunctionalTestSupport {

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	@Test
	void aFailedImportIsRestartedIntoTheBatchItAlreadyStarted() {
		StringBuilder csv = new StringBuilder(
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n");
		for (int i = 1; i <= 7; i++) {
			csv.append("b-r,Restart,m-r,r-").append(i).append(",payment,").append(i).append(".00,USD,acct-1\n");
		}
		Path file = drop("restart.csv", csv.toString());
		// Chunks of 4 (functional-test.properties): the second chunk cannot be stored.
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "reference_id <> 'r-6'")) {
			failed = importer.importFile(file);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(file).exists();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(4);

		JobExecution restarted = jobControl.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT status, payment_count FROM payment_batch")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("payment_count")))
			.single()).isEqualTo(tuple("SUBMITTED", 7));
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT reference_id) FROM payment").query(Long.class).single())
			.isEqualTo(7);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM import_reject").query(Long.class).single()).isZero();
		assertThat(inputFolder.dir().resolve("processed/restart.csv")).exists();
	}

	@Test
	void aRowRejectedInAChunkThatThenFailsIsRecordedOnceAfterTheRestart() {
		// given: chunks of 4; the second holds a bad amount (a process skip, recorded in
		// its own transaction since Spring Batch 6.0.4 rolls back the step's) and r-6,
		// which cannot be stored
		Path file = drop("rejects.csv", HEADER + "b-r,Rejects,m-r,r-1,payment,1.00,USD,acct-1\n"
				+ "b-r,Rejects,m-r,r-2,payment,2.00,USD,acct-1\n" + "b-r,Rejects,m-r,r-3,payment,3.00,USD,acct-1\n"
				+ "b-r,Rejects,m-r,r-4,payment,4.00,USD,acct-1\n" + "b-r,Rejects,m-r,bad,payment,abc,USD,acct-1\n"
				+ "b-r,Rejects,m-r,r-5,payment,5.00,USD,acct-1\n" + "b-r,Rejects,m-r,r-6,payment,6.00,USD,acct-1\n"
				+ "b-r,Rejects,m-r,r-7,payment,7.00,USD,acct-1\n");
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "reference_id <> 'r-6'")) {
			failed = importer.importFile(file);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM import_reject").query(Long.class).single()).isEqualTo(1);

		// when: the restart reads the failed chunk again, the bad row included
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: its reject was replaced, not added a second time
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution rows = importPayments(restarted).orElseThrow();
		assertThat(rows.getReadCount()).isEqualTo(4);
		assertThat(rows.getProcessSkipCount()).isEqualTo(1);
		assertThat(rows.getWriteCount()).isEqualTo(3);
		assertThat(jdbc.sql("SELECT line, field FROM import_reject")
			.query((row, i) -> tuple(row.getLong("line"), row.getString("field")))
			.list()).containsExactly(tuple(6L, "amount"));
		assertThat(jdbc.sql("SELECT status, payment_count FROM payment_batch")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("payment_count")))
			.single()).isEqualTo(tuple("SUBMITTED", 7));
	}

	@Test
	void anImportThatDiesInTheMiddleOfAChunkScanResumesAfterTheRowsTheScanCommitted() {
		// given: the first chunk repeats a reference (a write skip), so Spring Batch
		// 6.0.6 rolls it back and writes it again one row per transaction: d-1 commits,
		// the repeat is skipped (the step stores batch.chunkScanOffset=2), then d-3
		// cannot be stored and the step dies in the middle of the scan
		Path file = drop("scan.csv",
				HEADER + "b-s,Scan,m-s,d-1,payment,1.00,USD,acct-1\n" + "b-s,Scan,m-s,d-1,payment,9.00,USD,acct-1\n"
						+ "b-s,Scan,m-s,d-3,payment,3.00,USD,acct-1\n" + "b-s,Scan,m-s,d-4,payment,4.00,USD,acct-1\n"
						+ "b-s,Scan,m-s,d-5,payment,5.00,USD,acct-1\n");
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "reference_id <> 'd-3'")) {
			failed = importer.importFile(file);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		StepExecution died = importPayments(failed).orElseThrow();
		assertThat(died.getExecutionContext().getInt("batch.chunkScanOffset")).isEqualTo(2);
		assertThat(jdbc.sql("SELECT reference_id FROM payment").query(String.class).list()).containsExactly("d-1");

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: the reader was positioned after d-1 and its repeat (not read again: d-1
		// would now be a duplicate of itself), and every row is stored or rejected once
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution rows = importPayments(restarted).orElseThrow();
		assertThat(rows.getReadCount()).isEqualTo(3);
		assertThat(rows.getWriteCount()).isEqualTo(3);
		assertThat(rows.getWriteSkipCount()).isZero();
		assertThat(jdbc.sql("SELECT reference_id, source_line FROM payment ORDER BY source_line")
			.query((row, i) -> tuple(row.getString("reference_id"), row.getLong("source_line")))
			.list()).containsExactly(tuple("d-1", 2L), tuple("d-3", 4L), tuple("d-4", 5L), tuple("d-5", 6L));
		assertThat(jdbc.sql("SELECT line, field FROM import_reject")
			.query((row, i) -> tuple(row.getLong("line"), row.getString("field")))
			.list()).containsExactly(tuple(3L, "reference_id"));
	}

	/**
	 * Read back through the job repository. (A method returning a StepExecution would be
	 * taken by {@code @SpringBatchTest} for the step scope's factory.)
	 */
	private Optional<StepExecution> importPayments(JobExecution execution) {
		return jobRepository.getJobExecution(execution.getId())
			.getStepExecutions()
			.stream()
			.filter(s -> s.getStepName().equals("importPayments"))
			.findFirst();
	}

}
