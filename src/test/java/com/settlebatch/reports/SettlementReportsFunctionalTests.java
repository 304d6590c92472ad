package com.settlebatch.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settlement job's last step writes a CSV per closed batch and the date's
 * summary.json, under settle.reports.folder (target/test-reports in the tests).
 */
class SettlementReportsFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	SettlementReports reports;

	private Path folder;

	@BeforeEach
	void noReportsYet() throws IOException {
		folder = reports.folder(DAY);
		FileSystemUtils.deleteRecursively(folder);
	}

	@Test
	void everyClosedBatchGetsItsCsvAndTheDateItsSummary() throws IOException {
		// given two merchants' batches, one payment declined, one failed
		importer.importFile(drop("day.csv", HEADER + "b-1,One,m-1,ok-1,payment,10.00,USD,acct-ok-1\n"
				+ "b-1,One,m-1,no-1,payment,2.50,USD,acct-blocked-1\n" + "b-1,One,m-1,ok-2,payment,7.00,EUR,acct-ok-2\n"
				+ "b-2,Two,m-2,down,payment,5.00,USD,acct-down\n"));
		sandbox.faults().failNext("acct-down", 100, 500);

		// when the date is settled
		JobExecution execution = jobControl.settle(DAY);

		// then the last step wrote one file per closed batch
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(execution.getId(), "writeReports")).getWriteCount()).isEqualTo(2);
		assertThat(folder).isEqualTo(Path.of("target/test-reports", DAY.toString()).toAbsolutePath());
		try (var files = Files.list(folder)) {
			assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("m-1-1.csv", "m-2-1.csv",
					"summary.json");
		}
		// and each line carries the payment's outcome, in the batch's order
		List<String> one = Files.readAllLines(folder.resolve("m-1-1.csv"));
		assertThat(one).hasSize(4);
		assertThat(one.get(0)).isEqualTo(
				"reference_id,type,amount,currency,status,attempts,http_status,error_code,gateway_id,correlation_id,settled_at");
		assertThat(one.get(1)).startsWith("ok-1,payment,10.00,USD,SETTLED,1,201,,");
		assertThat(one.get(2)).startsWith("no-1,payment,2.50,USD,DECLINED,1,");
		assertThat(one.get(3)).startsWith("ok-2,payment,7.00,EUR,SETTLED,1,201,,");
		assertThat(Files.readAllLines(folder.resolve("m-2-1.csv")).get(1)).startsWith("down,payment,5.00,USD,FAILED,");
		// and the summary counts by status and sums per currency, per batch and in all
		String summary = Files.readString(folder.resolve("summary.json")).replaceAll("\\s", "");
		assertThat(summary).contains("\"businessDate\":\"2026-11-23\"", "\"file\":\"m-1-1.csv\"",
				"\"byStatus\":{\"DECLINED\":1,\"SETTLED\":2}",
				"\"EUR\":{\"payments\":1,\"amount\":\"7.00\",\"settled\":1,\"settledAmount\":\"7.00\"}",
				"\"USD\":{\"payments\":2,\"amount\":\"12.50\",\"settled\":1,\"settledAmount\":\"10.00\"}",
				"\"totals\":{\"batches\":2,\"payments\":4,\"byStatus\":{\"DECLINED\":1,\"FAILED\":1,\"SETTLED\":2}");
		// and no temporary file is left behind
		try (var files = Files.list(folder)) {
			assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
		}
	}

	@Test
	void aRestartAfterTheReportsFailedWritesTheSameBytes() throws IOException {
		// given a run whose summary cannot be renamed into place (a folder stands there)
		importer.importFile(drop("day.csv", HEADER + "b-1,One,m-1,ok-1,payment,10.00,USD,acct-ok-1\n"
				+ "b-1,One,m-1,ok-2,payment,20.00,USD,acct-ok-2\n" + "b-2,Two,m-2,ok-3,payment,3.00,EUR,acct-ok-3\n"));
		Files.createDirectories(folder.resolve("summary.json").resolve("in-the-way"));
		JobExecution failed = jobControl.settle(DAY);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(only(stepExecutions(failed.getId(), "closeBatches")).getWriteCount()).isEqualTo(2);
		byte[] firstCsv = Files.readAllBytes(folder.resolve("m-1-1.csv"));

		// when the obstacle is gone and the run is restarted
		FileSystemUtils.deleteRecursively(folder.resolve("summary.json"));
		JobExecution restarted = jobControl.restart(failed.getId());

		// then the reports are complete and the batch file is byte for byte the same
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(restarted.getId(), "writeReports")).getWriteCount()).isEqualTo(2);
		assertThat(Files.readAllBytes(folder.resolve("m-1-1.csv"))).isEqualTo(firstCsv);
		// and writing them once more changes no byte of any file
		byte[] summary = Files.readAllBytes(folder.resolve("summary.json"));
		byte[] secondCsv = Files.readAllBytes(folder.resolve("m-2-1.csv"));
		reports.write(DAY);
		assertThat(Files.readAllBytes(folder.resolve("summary.json"))).isEqualTo(summary);
		assertThat(Files.readAllBytes(folder.resolve("m-2-1.csv"))).isEqualTo(secondCsv);
	}

}
