package com.settlebatch.executions;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each chunk reports its progress. Also guards a Spring Batch 6 trap: a listener that is
 * both a StepExecutionListener and a ChunkListener, given to {@code listener(...)} with
 * its own type, binds to the StepExecutionListener overload and never hears of a chunk.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChunkProgressFunctionalTests extends FunctionalTestSupport {

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void importAndSettlementLogTheirProgressAfterEveryChunk(CapturedOutput output) {
		importer.importFile(drop("progress.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "pg-1,Progress,m-p,r-1,payment,1.00,USD,acct-1\npg-1,Progress,m-p,r-2,payment,2.00,USD,acct-2\n"
						+ "pg-1,Progress,m-p,r-3,payment,3.00,USD,acct-3\npg-1,Progress,m-p,r-4,payment,4.00,USD,acct-4\n"));
		jobControl.settle(LocalDate.of(2026, 11, 21));

		// Chunks of 4 rows on import; in settlement, two partitions of two payments (one
		// chunk each:
		// functional-test.properties), each reporting under its own name.
		assertThat(output.getAll()).contains("progress: 4 rows, ")
			.contains("progress: settlePaymentsWorker:pass1.part001 2/2 payments (100%), ")
			.contains("progress: settlePaymentsWorker:pass1.part002 2/2 payments (100%), ")
			.contains("ETA 0s");
	}

}
