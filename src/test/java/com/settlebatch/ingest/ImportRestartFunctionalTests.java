package com.settlebatch.ingest;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

class ImportRestartFunctionalTests extends FunctionalTestSupport {

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void aFailedImportIsRestartedIntoTheBatchItAlreadyStarted() {
		StringBuilder csv = new StringBuilder(
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n");
		for (int i = 1; i <= 7; i++) {
			csv.append("b-r,Restart,m-r,r-").append(i).append(",payment,").append(i).append(".00,USD,acct-1\n");
		}
		Path file = drop("restart.csv", csv.toString());
		// Chunks of 4 (functional-test.properties): the second chunk cannot be stored.
		jdbc.sql("ALTER TABLE payment ADD CONSTRAINT test_import_crash CHECK (reference_id <> 'r-6')").update();
		JobExecution failed;
		try {
			failed = importer.importFile(file);
		}
		finally {
			jdbc.sql("ALTER TABLE payment DROP CONSTRAINT test_import_crash").update();
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(file).exists();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(4);

		JobExecution restarted = jobControl.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT status || '/' || payment_count FROM payment_batch").query(String.class).single())
			.isEqualTo("SUBMITTED/7");
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT reference_id) FROM payment").query(Long.class).single()).isEqualTo(7);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM import_reject").query(Long.class).single()).isZero();
		assertThat(inputFolder.dir().resolve("processed/restart.csv")).exists();
	}

}
