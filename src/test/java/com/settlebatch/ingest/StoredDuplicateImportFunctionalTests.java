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
 * A reference id repeated in a later chunk than its first: the chunk is stored without
 * looking its pairs up, the unique key refuses it, and the row-by-row pass that follows
 * rejects exactly the repeats with the line of the first (chunk size 4 in the functional
 * tests).
 */
class StoredDuplicateImportFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,"
			+ "account_id\n";

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void aReferenceStoredByAnEarlierChunkIsRejectedWithTheFirstLineAndTheRestOfItsChunkIsStoredOnce() {
		// given: chunk 2 opens batch b-n and repeats line 3; chunk 3 repeats line 3 again
		// and b-n's first row
		Path file = drop("stored-duplicates.csv", HEADER + row("b-a", "r-1") // line 2
				+ row("b-a", "r-2") // 3
				+ row("b-a", "r-3") // 4
				+ row("b-a", "r-4") // 5
				+ row("b-a", "r-5") // 6, chunk 2
				+ row("b-n", "r-1") // 7: another batch's r-1
				+ row("b-a", "r-2") // 8: repeats line 3
				+ row("b-a", "r-6") // 9
				+ row("b-a", "r-2") // 10, chunk 3: repeats line 3
				+ row("b-n", "r-1") // 11: repeats line 7
				+ row("b-n", "r-2")); // 12

		// when
		JobExecution execution = importer.importFile(file);

		// then: the repeats are rejected, with the first line, and nothing else is
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT line, field, reason FROM import_reject ORDER BY line")
			.query((rs, i) -> tuple(rs.getLong("line"), rs.getString("field"), rs.getString("reason")))
			.list()).containsExactly(tuple(8L, "reference_id", "duplicate reference_id in batch b-a (first at line 3)"),
					tuple(10L, "reference_id", "duplicate reference_id in batch b-a (first at line 3)"),
					tuple(11L, "reference_id", "duplicate reference_id in batch b-n (first at line 7)"));
		assertThat(storedLines()).containsExactly(tuple("b-a", "r-1", 2L), tuple("b-a", "r-2", 3L),
				tuple("b-a", "r-3", 4L), tuple("b-a", "r-4", 5L), tuple("b-a", "r-5", 6L), tuple("b-n", "r-1", 7L),
				tuple("b-a", "r-6", 9L), tuple("b-n", "r-2", 12L));
		assertThat(jdbc.sql("SELECT external_id, status, payment_count FROM payment_batch ORDER BY external_id")
			.query((rs, i) -> tuple(rs.getString("external_id"), rs.getString("status"), rs.getInt("payment_count")))
			.list()).containsExactly(tuple("b-a", "SUBMITTED", 6), tuple("b-n", "SUBMITTED", 2));
		StepExecution rows = only(stepExecutions(execution.getId(), "importPayments"));
		assertThat(rows.getReadCount()).isEqualTo(11);
		assertThat(rows.getWriteCount()).isEqualTo(8);
		assertThat(rows.getWriteSkipCount()).isEqualTo(3);
	}

	@Test
	void anImportThatFailsAfterAChunkWithAStoredDuplicateResumesWithoutRecordingItTwice() {
		// given: chunk 2 repeats line 2, chunk 3 cannot be stored
		Path file = drop("stored-duplicate-restart.csv",
				HEADER + row("b-a", "r-1") + row("b-a", "r-2") + row("b-a", "r-3") + row("b-a", "r-4")
						+ row("b-a", "r-5") + row("b-a", "r-1") + row("b-a", "r-6") + row("b-a", "r-7")
						+ row("b-a", "r-8") + row("b-a", "r-9"));
		JobExecution failed;
		try (Refusal crash = refuseRows("payment", "reference_id <> 'r-8'")) {
			failed = importer.importFile(file);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(7);

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: the restart read only the failed chunk, and each row is in once
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(restarted.getId(), "importPayments")).getReadCount()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT line, reason FROM import_reject")
			.query((rs, i) -> tuple(rs.getLong("line"), rs.getString("reason")))
			.list()).containsExactly(tuple(7L, "duplicate reference_id in batch b-a (first at line 2)"));
		assertThat(jdbc.sql("SELECT source_line FROM payment ORDER BY source_line").query(Long.class).list())
			.containsExactly(2L, 3L, 4L, 5L, 6L, 8L, 9L, 10L, 11L);
	}

	private List<Tuple> storedLines() {
		return jdbc.sql("""
				SELECT b.external_id, p.reference_id, p.source_line FROM payment p
				JOIN payment_batch b ON b.id = p.batch_id ORDER BY p.source_line""")
			.query((rs, i) -> tuple(rs.getString("external_id"), rs.getString("reference_id"),
					rs.getLong("source_line")))
			.list();
	}

	private static String row(String batch, String reference) {
		return batch + ",Batch " + batch + ",m-1," + reference + ",payment,1.00,USD,acct-1\n";
	}

}
