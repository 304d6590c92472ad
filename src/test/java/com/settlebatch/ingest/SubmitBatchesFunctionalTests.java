package com.settlebatch.ingest;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The submit moves an import's batches in one transaction (on H2 a slice of 1,000 batches
 * a statement, on PostgreSQL one statement): a file of more batches than a slice is
 * submitted whole or not at all, and the restart of a failed submit submits every batch.
 */
class SubmitBatchesFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	/** More than one slice: 1,001 batches of one payment and one of three. */
	private static final int SINGLE_PAYMENT_BATCHES = 1001;

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void givenMoreBatchesThanOneSliceWhenTheFileIsImportedThenEveryBatchIsSubmittedWithItsPaymentCount() {
		Path file = drop("slices.csv", manyBatches());

		JobExecution execution = importer.importFile(file);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("status = 'SUBMITTED' AND payment_count = 1")).isEqualTo(SINGLE_PAYMENT_BATCHES);
		assertThat(count("status = 'SUBMITTED' AND payment_count = 3 AND external_id = 'b-big'")).isEqualTo(1);
		assertThat(count("status <> 'SUBMITTED'")).isZero();
	}

	@Test
	void givenASubmitThatFailsInItsLastSliceWhenItIsRestartedThenNoBatchWasSubmittedBeforeAndEveryBatchIsAfter() {
		// given: the batch stored last cannot become SUBMITTED. H2's slices follow the
		// order the batches were stored in (an index on the file and the status, equal
		// keys in row order), so it is in the last slice, after a whole slice has been
		// updated in the same transaction.
		Path file = drop("slices-failing.csv", manyBatches());
		JobExecution failed;
		try (Refusal crash = refuseRows("payment_batch", "status <> 'SUBMITTED' OR external_id <> 'b-big'")) {
			failed = importer.importFile(file);
		}

		// then: the import failed in its submit and no batch is SUBMITTED
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(only(stepExecutions(failed.getId(), "submitBatches")).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(count("status = 'DRAFT'")).isEqualTo(SINGLE_PAYMENT_BATCHES + 1);
		assertThat(count("status <> 'DRAFT'")).isZero();

		// when
		JobExecution restarted = jobControl.restart(failed.getId());

		// then: every batch is SUBMITTED with its count, the file's rows stored once
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("status = 'SUBMITTED' AND payment_count = 1")).isEqualTo(SINGLE_PAYMENT_BATCHES);
		assertThat(count("status = 'SUBMITTED' AND payment_count = 3 AND external_id = 'b-big'")).isEqualTo(1);
		assertThat(count("status <> 'SUBMITTED'")).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single())
			.isEqualTo(SINGLE_PAYMENT_BATCHES + 3L);
	}

	/** 1,001 batches of one payment, then the batch b-big of three, stored last. */
	private static String manyBatches() {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= SINGLE_PAYMENT_BATCHES; i++) {
			csv.append("b-").append(i).append(",Batch ").append(i).append(",m-1,r-1,payment,1.00,USD,acct-1\n");
		}
		for (int i = 1; i <= 3; i++) {
			csv.append("b-big,Big,m-1,r-").append(i).append(",payment,2.00,USD,acct-1\n");
		}
		return csv.toString();
	}

	private long count(String condition) {
		return jdbc.sql("SELECT COUNT(*) FROM payment_batch WHERE " + condition).query(Long.class).single();
	}

}
