package com.settlebatch.executions;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code settle.progress.interval=0}, a line after every chunk: the setting binds,
 * and the progress listeners hear of chunks. Also guards a Spring Batch 6 trap: a
 * listener that is both a StepExecutionListener and a ChunkListener, given to
 * {@code listener(...)} with its own type, bound to the StepExecutionListener overload
 * and never heard of a chunk (up to 6.0.2).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "settle.progress.interval=0s")
class ChunkProgressFunctionalTests extends FunctionalTestSupport {

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void withAZeroIntervalImportAndSettlementLogTheirProgressAfterEveryChunk(CapturedOutput output) {
		// given five rows, imported in chunks of four
		importer.importFile(drop("progress.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "pg-1,Progress,m-p,r-1,payment,1.00,USD,acct-1\npg-1,Progress,m-p,r-2,payment,2.00,USD,acct-2\n"
						+ "pg-1,Progress,m-p,r-3,payment,3.00,USD,acct-3\npg-1,Progress,m-p,r-4,payment,4.00,USD,acct-4\n"
						+ "pg-1,Progress,m-p,r-5,payment,5.00,USD,acct-5\n"));

		// when they are settled, in three partitions of chunks of three
		jobControl.settle(LocalDate.of(2026, 11, 21));

		// then a line after the import's first chunk (the count trails by a chunk), lines
		// of the pass under the manager step's name, and each step's totals
		assertThat(output.getAll()).contains("progress: importPayments 0 rows, ")
			.contains("progress: importPayments ended: 5 rows read, 5 written, 0 skipped in ")
			.containsPattern("progress: settlePayments \\d/5 payments \\(\\d+%\\), ")
			.contains("progress: settlePayments ended: 5 payments read, 5 written, 0 skipped in ")
			.doesNotContain("settlePaymentsWorker:");
	}

	@Test
	void aRunWhosePaymentsAllFailStillTellsItsProgress(CapturedOutput output) {
		// given four payments to an account the gateway answers 503 for, every time
		sandbox.faults().failNext("acct-down", 100, 503);
		importer.importFile(drop("down.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "dn-1,Down,m-d,d-1,payment,1.00,USD,acct-down\ndn-1,Down,m-d,d-2,payment,2.00,USD,acct-down\n"
						+ "dn-1,Down,m-d,d-3,payment,3.00,USD,acct-down\ndn-1,Down,m-d,d-4,payment,4.00,USD,acct-down\n"));

		// when they are settled: each chunk fails, then each payment alone, and is
		// skipped
		jobControl.settle(LocalDate.of(2026, 11, 21));

		// then the pass tells payments done while it runs (Spring Batch 6 calls no chunk
		// listener after a skipped payment, only before the next), and its totals
		assertThat(output.getAll()).containsPattern("progress: settlePayments [1-4]/4 payments")
			.contains("progress: settlePayments ended: 4 payments read, 0 written, 4 skipped in ");
	}

}
