package com.settlebatch.drop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.settlebatch.FunctionalTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The watcher with both options of {@code jobs/import.yml} on: done markers required,
 * settlement after each import.
 */
@TestPropertySource(
		properties = { "settle.input.watch=true", "settle.input.poll-interval=100ms", "settle.input.settle-time=300ms",
				"settle.input.require-done-marker=true", "settle.input.settle-after-import=true" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FileDropOptionsFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = FileDropFunctionalTests.HEADER;

	@Test
	void aFileWaitsForItsMarkerThenIsImportedAndSettledAndTheMarkerRemoved() throws Exception {
		Path file = drop("marked.csv", HEADER + "mk-1,Marked,m-1,r-1,payment,1.00,USD,acct-1\n"
				+ "mk-1,Marked,m-1,r-2,payment,2.00,USD,acct-1\n");

		// Long settled, but no marker yet.
		Thread.sleep(1000);
		assertThat(file).exists();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM import_file").query(Long.class).single()).isZero();

		Path marker = drop("marked.csv.done", "");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> batches().equals(List.of(tuple("mk-1", "CLOSED"))) && runningJobs() == 0);

		assertThat(inputFolder.dir().resolve("processed/marked.csv")).exists();
		assertThat(marker).doesNotExist();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE status = 'SETTLED'").query(Long.class).single())
			.isEqualTo(2);
		assertThat(settlementRuns()).extracting(JobExecution::getStatus).containsExactly(BatchStatus.COMPLETED);
		awaitWatcherPast(Files.readString(inputFolder.dir().resolve("processed/marked.csv")));
	}

	@Test
	void onceTodayIsSettledLaterFilesAreStillImportedAndWaitForTheNextRun() {
		drop("early.csv", HEADER + "early,Early,m-1,r-1,payment,1.00,USD,acct-1\n");
		drop("early.csv.done", "");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> batches().equals(List.of(tuple("early", "CLOSED"))) && runningJobs() == 0);

		drop("late.csv", HEADER + "late,Late,m-1,r-1,payment,1.00,USD,acct-1\n");
		drop("late.csv.done", "");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(inputFolder.dir().resolve("processed/late.csv")) && runningJobs() == 0);
		drop("later.csv", HEADER + "later,Later,m-1,r-1,payment,1.00,USD,acct-1\n");
		drop("later.csv.done", "");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(inputFolder.dir().resolve("processed/later.csv")) && runningJobs() == 0);

		awaitWatcherPast(HEADER + "later,Later,m-1,r-1,payment,1.00,USD,acct-1\n");

		assertThat(batches()).containsExactly(tuple("early", "CLOSED"), tuple("late", "SUBMITTED"),
				tuple("later", "SUBMITTED"));
		// Today's settlement ran once; the later imports found it complete and went on.
		assertThat(settlementRuns()).hasSize(1);
	}

	/**
	 * Until the watcher has finished with every file before: it handles one file at a
	 * time, so once a copy of imported content is refused, whatever followed the earlier
	 * imports (settlement) is done, and cannot spill into the next test.
	 */
	private void awaitWatcherPast(String importedContent) {
		drop("zz-copy.csv", importedContent);
		drop("zz-copy.csv.done", "");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(inputFolder.dir().resolve("failed/zz-copy.csv.reason.txt")));
	}

	private List<Tuple> batches() {
		return jdbc.sql("SELECT external_id, status FROM payment_batch ORDER BY opened, external_id")
			.query((row, i) -> tuple(row.getString("external_id"), row.getString("status")))
			.list();
	}

	private List<JobExecution> settlementRuns() {
		return jobRepository.findJobInstances("settlement")
			.stream()
			.flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
			.toList();
	}

	private long runningJobs() {
		return jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE END_TIME IS NULL").query(Long.class).single();
	}

}
