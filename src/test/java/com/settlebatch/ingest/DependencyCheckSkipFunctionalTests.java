package com.settlebatch.ingest;

import java.nio.file.Path;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The dependency check reads every payment of the file only when a row named a parent;
 * what the import step recorded about that survives a failure and a restart.
 */
class DependencyCheckSkipFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,"
			+ "account_id,depends_on\n";

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void aFileInWhichNoRowNamesAParentIsSubmittedWithoutReadingItsPaymentsAgain() {
		// given: two batches over two chunks of 4, no row with depends_on
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= 6; i++) {
			csv.append(i <= 3 ? "b-1,One,m-1" : "b-2,Two,m-2").append(",r-").append(i).append(",payment,1.00,USD,a,\n");
		}
		Path file = drop("plain.csv", csv.toString());

		// when
		JobExecution execution = importer.importFile(file);

		// then: the check read nothing and says why; the batches are submitted whole
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution check = only(stepExecutions(execution.getId(), "checkDependencies"));
		assertThat(check.getReadCount()).isZero();
		assertThat(check.getExitStatus().getExitDescription()).contains(DependencyCheckTasklet.NOTHING_TO_CHECK);
		StepExecution rows = only(stepExecutions(execution.getId(), "importPayments"));
		assertThat(rows.getExecutionContext().get(DependsOnRecord.KEY)).isEqualTo(false);
		assertThat(batches()).containsExactly(tuple("b-1", "SUBMITTED", 3), tuple("b-2", "SUBMITTED", 3));
	}

	@Test
	void oneRowNamingAParentInTheLastChunkMakesTheCheckRunOverTheWholeFile() {
		// given: the only depends_on is on the last row, and names nothing
		Path file = drop("late.csv",
				HEADER + "b-1,One,m-1,r-1,payment,1.00,USD,a,\n" + "b-1,One,m-1,r-2,payment,1.00,USD,a,\n"
						+ "b-1,One,m-1,r-3,payment,1.00,USD,a,\n" + "b-1,One,m-1,r-4,payment,1.00,USD,a,\n"
						+ "b-2,Two,m-2,r-5,refund,1.00,USD,a,nobody\n");

		// when
		JobExecution execution = importer.importFile(file);

		// then: every payment was checked; the orphan is rejected and its batch, left
		// without a payment, removed
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution check = only(stepExecutions(execution.getId(), "checkDependencies"));
		assertThat(check.getReadCount()).isEqualTo(5);
		assertThat(check.getWriteSkipCount()).isEqualTo(1);
		assertThat(rejects()).containsExactly(tuple(6L, "depends_on"));
		assertThat(batches()).containsExactly(tuple("b-1", "SUBMITTED", 4));
		assertThat(only(stepExecutions(execution.getId(), "submitBatches")).getWriteCount()).isEqualTo(1);
	}

	@Test
	void aBadDependencyStoredBeforeAFailureIsStillRejectedAfterTheRestart() {
		// given: the first chunk stores an orphan, the second cannot be stored
		JobExecution failed = jobRepository.getJobExecution(failedImportOfAnOrphanThenAFailure("orphan.csv"));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(4);

		// when: the restart reads only rows that name no parent
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: the record of the first execution made the check run
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution rows = only(stepExecutions(restarted.getId(), "importPayments"));
		assertThat(rows.getExecutionContext().get(DependsOnRecord.KEY)).isEqualTo(true);
		assertThat(only(stepExecutions(restarted.getId(), "checkDependencies")).getReadCount()).isEqualTo(7);
		assertThat(rejects()).containsExactly(tuple(3L, "depends_on"));
		assertThat(batches()).containsExactly(tuple("b-1", "SUBMITTED", 6));
	}

	@Test
	void anEarlierExecutionThatRecordedNothingMakesTheCheckRunAfterTheRestart() {
		// given: a failed import whose step execution holds no record, as one run before
		// the record existed
		JobExecution failed = jobRepository.getJobExecution(failedImportOfAnOrphanThenAFailure("unrecorded.csv"));
		StepExecution died = only(stepExecutions(failed.getId(), "importPayments"));
		died.getExecutionContext().remove(DependsOnRecord.KEY);
		jobRepository.updateExecutionContext(died);

		// when: the restarted step is given only rows that name no parent
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: it recorded none, yet the check ran, because of the execution before
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution rows = only(stepExecutions(restarted.getId(), "importPayments"));
		assertThat(rows.getExecutionContext().get(DependsOnRecord.KEY)).isEqualTo(false);
		assertThat(rejects()).containsExactly(tuple(3L, "depends_on"));
		assertThat(batches()).containsExactly(tuple("b-1", "SUBMITTED", 6));
	}

	/**
	 * The import of {@link #orphanThenFailure()}, which fails at r-6. Its execution's id:
	 * Spring Batch's test listeners take a method returning an execution for a factory.
	 */
	private long failedImportOfAnOrphanThenAFailure(String name) {
		Path file = drop(name, orphanThenFailure());
		try (Refusal crash = refuseRows("payment", "reference_id <> 'r-6'")) {
			return importer.importFile(file).getId();
		}
	}

	/** Chunks of 4 (functional-test.properties): line 3 names no payment; r-6 fails. */
	private static String orphanThenFailure() {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= 7; i++) {
			csv.append("b-1,One,m-1,r-")
				.append(i)
				.append(",payment,1.00,USD,a,")
				.append(i == 2 ? "nobody" : "")
				.append('\n');
		}
		return csv.toString();
	}

	private List<Tuple> batches() {
		return jdbc.sql("SELECT external_id, status, payment_count FROM payment_batch ORDER BY external_id")
			.query((row, i) -> tuple(row.getString("external_id"), row.getString("status"),
					row.getInt("payment_count")))
			.list();
	}

	private List<Tuple> rejects() {
		return jdbc.sql("SELECT line, field FROM import_reject ORDER BY line, field")
			.query((row, i) -> tuple(row.getLong("line"), row.getString("field")))
			.list();
	}

}
