package com.settlebatch.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention interrupted and restarted, removing two rows per transaction; and what it
 * must leave: a date a {@link RetentionHold} keeps, a run that failed.
 */
@TestPropertySource(properties = "settle.retention.rows-per-transaction=2")
@Import(RetentionRestartFunctionalTests.Holds.class)
class RetentionRestartFunctionalTests extends RetentionTestSupport {

	private static final LocalDate OLD = LocalDate.of(2026, 8, 3);

	private static final LocalDateTime AS_OF = LocalDateTime.of(2026, 11, 20, 6, 0);

	/** The dates the test's hold keeps, as another package's hold would. */
	static final Set<LocalDate> HELD = ConcurrentHashMap.newKeySet();

	@TestConfiguration
	static class Holds {

		@Bean
		RetentionHold testHold() {
			return new RetentionHold() {
				@Override
				public Set<LocalDate> heldDates(Collection<LocalDate> candidates) {
					return candidates.stream().filter(HELD::contains).collect(Collectors.toSet());
				}
			};
		}

	}

	@Test
	void aCrashBetweenWritingTheArchiveAndRemovingTheRowsLosesNothingAndRepeatsNothing() throws Exception {
		// given an old night of three batches, the last of which a row of another table
		// refers to, so that removing the batches fails after their payments went
		night(OLD, 3);
		String last = jdbc.sql("SELECT MAX(id) FROM payment_batch WHERE business_date = ?")
			.param(OLD)
			.query(String.class)
			.single();
		JobExecution failed;
		jdbc.sql("CREATE TABLE retention_crash (batch_id VARCHAR(36) REFERENCES payment_batch (id))").update();
		try {
			jdbc.sql("INSERT INTO retention_crash VALUES (?)").param(last).update();

			// when retention runs
			failed = retention.run(AS_OF);
		}
		finally {
			jdbc.sql("DROP TABLE retention_crash").update();
		}

		// then it failed removing, with the archive written, verified and recorded
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(only(stepExecutions(failed.getId(), "archiveDates")).getWriteCount()).isEqualTo(6);
		assertThat(only(stepExecutions(failed.getId(), "removeArchived")).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(count("SELECT COUNT(*) FROM archived_date WHERE removed_at IS NULL")).isOne();
		assertThat(count("SELECT COUNT(*) FROM payment")).isZero();
		assertThat(count("SELECT COUNT(*) FROM payment_batch")).isEqualTo(3);
		Path manifest = ARCHIVE.resolve(OLD.toString()).resolve("manifest.json");
		byte[] written = Files.readAllBytes(manifest);

		// when the failed execution is restarted
		JobExecution restarted = jobControl.restart(failed.getId());

		// then it completes the removal without archiving again
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stepExecutions(restarted.getId(), "archiveDates")).isEmpty();
		assertThat(only(stepExecutions(restarted.getId(), "removeArchived")).getWriteCount()).isEqualTo(3 + 1);
		assertThat(count("SELECT COUNT(*) FROM payment_batch")).isZero();
		assertThat(count("SELECT COUNT(*) FROM archived_date WHERE removed_at IS NOT NULL")).isOne();
		// and the archive is the one written first, whole
		assertThat(Files.readAllBytes(manifest)).isEqualTo(written);
		ArchiveReader.ArchivedDate archive = archiveReader.show(OLD);
		assertThat(archive.batches()).hasSize(3);
		assertThat(archive.payments()).hasSize(6);
		assertThat(archive.paymentSums().get("USD").count()).isEqualTo(3);
	}

	@Test
	void aHeldDateAndAFailedRunStayWhileTheRestGoes() {
		// given an old night that a hold keeps, and another old night whose run failed
		night(OLD, 1);
		LocalDate failedDate = OLD.plusDays(1);
		submitted("failing", 2);
		JobExecution failedRun;
		try (Refusal crash = refuseRows("payment", "status <> 'SETTLED' OR reference_id <> 's-1'")) {
			failedRun = jobControl.settle(failedDate);
		}
		assertThat(failedRun.getStatus()).isEqualTo(BatchStatus.FAILED);
		HELD.add(OLD);
		JobExecution run;
		try {
			// when retention runs long after both, metadata included
			run = retention.run(LocalDateTime.now().plusDays(100));
		}
		finally {
			HELD.clear();
		}

		// then neither date was archived: one is held, the other's batches are live
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(run.getId(), "archiveDates")).getWriteCount()).isZero();
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE business_date = ?", OLD)).isOne();
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE business_date = ?", failedDate)).isEqualTo(2);
		// and the failed run keeps its metadata for its restart; completed runs lose
		// theirs
		assertThat(jobRepository.getJobExecution(failedRun.getId())).isNotNull();
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'settlement'")).isOne();
		assertThat(count("SELECT COUNT(*) FROM settled_date WHERE business_date = ?", OLD)).isOne();
	}

}
