package com.settlebatch.settlement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closeBatches step closes a hundred batches per transaction, set-wise: a night of
 * many small batches must not pay a commit and a metadata update per batch.
 */
class BatchClosingFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void twoHundredAndFiftyBatchesCloseInThreeChunksNumberedGapFreePerMerchantInExternalIdOrder() {
		// given 250 one-payment batches of three merchants, imported in one
		// chunk-spanning file
		StringBuilder file = new StringBuilder(HEADER);
		for (int i = 0; i < 250; i++) {
			file.append("b-%03d,Batch %d,m-%d,p-1,payment,1.%02d,%s,acct-%d\n".formatted(i, i, i % 3, i % 100,
					i % 2 == 0 ? "USD" : "EUR", i));
		}
		importer.importFile(drop("many.csv", file.toString()));

		// when the date is settled
		JobExecution execution = jobControl.settle(DAY);

		// then every batch closed, a hundred per chunk
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution close = only(stepExecutions(execution.getId(), "closeBatches"));
		assertThat(close.getReadCount()).isEqualTo(250);
		assertThat(close.getWriteCount()).isEqualTo(250);
		assertThat(close.getCommitCount()).isEqualTo(3);
		// and each merchant's batchnums run 1..n without a gap, in external id order (the
		// batches were opened in one chunk, so the opened times tie)
		for (int merchant = 0; merchant < 3; merchant++) {
			List<String> expected = new ArrayList<>();
			for (int i = merchant; i < 250; i += 3) {
				expected.add("b-%03d".formatted(i));
			}
			assertThat(jdbc.sql("SELECT external_id FROM payment_batch WHERE merchant_id = ? ORDER BY batchnum")
				.param("m-" + merchant)
				.query(String.class)
				.list()).containsExactlyElementsOf(expected);
			assertThat(jdbc.sql("SELECT MIN(batchnum), MAX(batchnum) FROM payment_batch WHERE merchant_id = ?")
				.param("m-" + merchant)
				.query((row, n) -> List.of(row.getLong(1), row.getLong(2)))
				.single()).containsExactly(1L, (long) expected.size());
		}
		// and the totals per currency match the settled payments of each batch
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM payment_batch b
				JOIN batch_currency_total t ON t.batch_id = b.id
				JOIN payment p ON p.batch_id = b.id AND p.currency = t.currency
				WHERE b.status = 'CLOSED' AND b.settled_count = 1 AND t.settled_count = 1
				  AND t.settled_amount = p.amount""").query(Long.class).single()).isEqualTo(250);
	}

}
