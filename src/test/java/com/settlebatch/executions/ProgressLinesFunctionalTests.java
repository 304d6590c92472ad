package com.settlebatch.executions;

import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Pattern;

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
 * Progress by time, with the default interval (10 s): a run with declines, whose chunks
 * are written again item by item, logged a line per chunk and then per payment; now it
 * logs at most one line per step and interval, and each step's totals once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProgressLinesFunctionalTests extends FunctionalTestSupport {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Pattern PROGRESS = Pattern.compile(" progress: ");

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void aRunWithDeclinesLogsAtMostOneLinePerStepAndIntervalAndEachStepsTotalsOnce(CapturedOutput output) {
		// given 60 payments, one in five to a blocked account (declined: 403 / 3004)
		StringBuilder csv = new StringBuilder(
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n");
		for (int i = 1; i <= 60; i++) {
			csv.append("pl-1,Progress lines,m-pl,r-")
				.append(i)
				.append(",payment,1.00,USD,")
				.append(i % 5 == 0 ? "acct-blocked-" : "acct-")
				.append(i)
				.append('\n');
		}
		long start = System.nanoTime();

		// when they are imported (chunks of 4) and settled (chunks of 3, three
		// partitions)
		importer.importFile(drop("progress-lines.csv", csv.toString()));
		jobControl.settle(LocalDate.of(2026, 11, 21));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		// then each step's totals once, and no more lines than the intervals the run
		// lasted
		String log = output.getAll();
		assertThat(log).containsOnlyOnce("progress: importPayments ended: 60 rows read, 60 written, 0 skipped in ")
			.containsOnlyOnce("progress: settlePayments ended: 60 payments read, 48 written, 12 skipped in ");
		long lines = PROGRESS.matcher(log).results().count();
		assertThat(lines).as("progress lines in %s", took).isLessThanOrEqualTo(2 + took.dividedBy(INTERVAL));
	}

}
