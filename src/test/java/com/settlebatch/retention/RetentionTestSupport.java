package com.settlebatch.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nights imported and settled through the product, then retention run as of a chosen
 * instant, with the archive in a folder of the test JVM emptied before each test.
 */
abstract class RetentionTestSupport extends FunctionalTestSupport {

	static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	static final Path ARCHIVE = createArchiveDir();

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	RetentionRunner retention;

	@Autowired
	RetentionPlanner planner;

	@Autowired
	ArchiveReader archiveReader;

	@DynamicPropertySource
	static void archiveFolder(DynamicPropertyRegistry registry) {
		registry.add("settle.retention.archive-folder", ARCHIVE::toString);
	}

	@BeforeEach
	void emptyArchive() throws IOException {
		try (Stream<Path> files = Files.walk(ARCHIVE)) {
			files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(ARCHIVE)).forEach(p -> p.toFile().delete());
		}
	}

	/**
	 * Imports batches of two payments (USD and EUR) for two merchants, one of them with a
	 * rejected row, and settles them on the date. (void: {@code @SpringBatchTest} would
	 * take a method returning a JobExecution for the job scope's factory.)
	 */
	void night(LocalDate date, int batches) {
		StringBuilder file = new StringBuilder(HEADER);
		for (int i = 0; i < batches; i++) {
			String batch = date + "-b" + i;
			file.append("%s,Batch %d,m-%d,p-1,payment,1%d.25,USD,acct-%d\n".formatted(batch, i, i % 2, i, i));
			file.append("%s,Batch %d,m-%d,p-2,payment,2.%02d,EUR,acct-%d\n".formatted(batch, i, i % 2, i, i));
		}
		file.append("%s-bad,Bad,m-0,p-1,payment,not-a-number,USD,acct-x\n".formatted(date));
		importer.importFile(drop(date + ".csv", file.toString()));
		JobExecution settlement = jobControl.settle(date);
		assertThat(settlement.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	/** Imports batches without settling them: they stay SUBMITTED. */
	void submitted(String name, int batches) {
		StringBuilder file = new StringBuilder(HEADER);
		for (int i = 0; i < batches; i++) {
			file.append("%s-b%d,Batch %d,m-%d,s-1,payment,3.00,USD,acct-%d\n".formatted(name, i, i, i % 2, i));
		}
		importer.importFile(drop(name + ".csv", file.toString()));
	}

	long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private static Path createArchiveDir() {
		try {
			return Files.createTempDirectory("settle-archive");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
