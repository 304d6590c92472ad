package com.settlebatch.drop;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.settlebatch.FunctionalTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The watcher of {@code settle serve} on the drop folder, with a fast poll and a short
 * settle time.
 */
@TestPropertySource(properties = { "settle.input.watch=true", "settle.input.poll-interval=100ms",
		"settle.input.settle-time=500ms" })
// Stops the watcher after this class: a cached context would go on polling the drop
// folder the other classes share.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FileDropFunctionalTests extends FunctionalTestSupport {

	static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	@Test
	void aCompleteFileIsImportedAndMovedToProcessed() {
		Path file = drop("complete.csv",
				HEADER + "d-1,Drop,m-1,r-1,payment,1.00,USD,acct-1\n" + "d-1,Drop,m-1,r-2,payment,2.00,USD,acct-1\n");

		awaitImported("complete.csv");

		assertThat(file).doesNotExist();
		assertThat(jdbc.sql("SELECT status, payment_count FROM payment_batch")
			.query((row, i) -> tuple(row.getString("status"), row.getInt("payment_count")))
			.single()).isEqualTo(tuple("SUBMITTED", 2));
	}

	@Test
	void aFileStillBeingWrittenWaitsAndIsImportedOnceComplete() throws Exception {
		Path file = inputFolder.dir().resolve("growing.csv");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			// Appended every 100 ms, well within the 500 ms settle time, for three times
			// as long.
			for (int i = 1; i <= 15; i++) {
				out.write("g-1,Growing,m-1,r-" + i + ",payment," + i + ".00,USD,acct-1\n");
				out.flush();
				Thread.sleep(100);
				assertThat(importFiles()).as("taken while still being written").isZero();
			}
			out.write("g-1,Growing,m-1,r-16,payment,16.00,USD,acct-1\n");
		}

		awaitImported("growing.csv");

		assertThat(jdbc.sql("SELECT payment_count FROM payment_batch").query(Integer.class).single()).isEqualTo(16);
		assertThat(inputFolder.dir().resolve("processed/growing.csv")).exists();
		assertThat(importJobInstances()).isEqualTo(1);
	}

	@Test
	void theSameContentDroppedTwiceIsImportedOnceAndTheCopyMovedToFailedWithItsReason() throws IOException {
		String content = HEADER + "dup-1,Duplicate,m-1,r-1,payment,1.00,USD,acct-1\n";
		drop("first.csv", content);
		awaitImported("first.csv");

		drop("copy.csv", content);
		Path reason = inputFolder.dir().resolve("failed/copy.csv.reason.txt");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reason));

		assertThat(Files.readString(reason)).contains("same content as first.csv");
		assertThat(inputFolder.dir().resolve("failed/copy.csv")).exists();
		assertThat(inputFolder.dir().resolve("copy.csv")).doesNotExist();
		assertThat(importFiles()).isEqualTo(1);
		assertThat(importJobInstances()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void hostileNamesAreNeverImportedAndNothingOutsideTheFolderIsTouched() throws Exception {
		String row = "h-%s,Hostile,m-1,r-1,payment,1.00,USD,acct-1\n";
		Path outside = Files.createTempDirectory("settle-outside");
		Path target = Files.writeString(outside.resolve("target.csv"), HEADER + row.formatted("outside"));
		Path link = Files.createSymbolicLink(inputFolder.dir().resolve("link.csv"), target);
		Path dots = drop("..evil.csv", HEADER + row.formatted("dots"));
		Path hidden = drop(".x.csv", HEADER + row.formatted("hidden"));
		Path sub = Files.createDirectories(inputFolder.dir().resolve("sub"));
		Path nested = Files.writeString(sub.resolve("x.csv"), HEADER + row.formatted("nested"));
		drop("sentinel.csv", HEADER + row.formatted("sentinel"));

		awaitImported("sentinel.csv");
		// Several more scans after every file above has long settled.
		Thread.sleep(1500);

		assertThat(jdbc.sql("SELECT external_id FROM payment_batch").query(String.class).list())
			.containsExactly("h-sentinel");
		assertThat(importFiles()).isEqualTo(1);
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(dots).exists();
		assertThat(hidden).exists();
		assertThat(nested).exists();
		assertThat(Files.readString(target)).isEqualTo(HEADER + row.formatted("outside"));
		try (Stream<Path> files = Files.list(outside)) {
			assertThat(files).containsExactly(target);
		}
		assertThat(inputFolder.dir().resolve("failed")).doesNotExist();
		try (Stream<Path> processed = Files.list(inputFolder.dir().resolve("processed"))) {
			assertThat(processed.map(p -> p.getFileName().toString())).containsExactly("sentinel.csv");
		}
	}

	@Test
	void aBurstOfOneHundredFilesIsImportedWithNoneLostOrDoubled() throws IOException {
		for (int i = 0; i < 100; i++) {
			drop("burst-%03d.csv".formatted(i),
					HEADER + "burst-%03d,Burst,m-%d,r-1,payment,1.00,USD,acct-1\n".formatted(i, i % 7)
							+ "burst-%03d,Burst,m-%d,r-2,refund,0.50,USD,acct-1\n".formatted(i, i % 7));
		}

		// Batch 6 stores the end time before the listener moves the file: wait for the
		// files.
		await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> processedBursts() == 100 && runningJobs() == 0);

		assertThat(jdbc.sql("SELECT COUNT(*) FROM import_file WHERE status = 'IMPORTED'").query(Long.class).single())
			.isEqualTo(100);
		assertThat(importFiles()).isEqualTo(100);
		assertThat(importJobInstances()).isEqualTo(100);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED'")
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment").query(Long.class).single()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT external_id) FROM payment_batch").query(Long.class).single())
			.isEqualTo(100);
		try (Stream<Path> waiting = Files.list(inputFolder.dir())) {
			assertThat(waiting.filter(Files::isRegularFile)).isEmpty();
		}
	}

	private long processedBursts() throws IOException {
		Path processed = inputFolder.dir().resolve("processed");
		if (!Files.isDirectory(processed)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(processed)) {
			return files.filter(p -> p.getFileName().toString().matches("burst-\\d{3}\\.csv")).count();
		}
	}

	/** Until the file is in processed/ and its import job execution has finished. */
	private void awaitImported(String name) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(inputFolder.dir().resolve("processed").resolve(name)) && runningJobs() == 0);
	}

	private long runningJobs() {
		return jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE END_TIME IS NULL").query(Long.class).single();
	}

	private long importFiles() {
		return jdbc.sql("SELECT COUNT(*) FROM import_file").query(Long.class).single();
	}

	private long importJobInstances() {
		return jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'import'").query(Long.class).single();
	}

}
