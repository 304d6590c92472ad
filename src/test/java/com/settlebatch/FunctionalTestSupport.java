package com.settlebatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.settlebatch.ingest.InputFolder;
import com.settlebatch.sandbox.SandboxGateway;

/**
 * The whole application on H2 or PostgreSQL ({@link TestDatabase}) with the embedded sandbox
 * gateway (switched on in functional-test.properties); every test starts from empty tables, an empty drop folder and no injected faults.
 */
@SpringBootTest
@SpringBatchTest
@TestPropertySource(locations = "classpath:functional-test.properties")
@ExtendWith(TestDatabase.class)
@Import(FunctionalTestSupport.CleanSchema.class)
public abstract class FunctionalTestSupport {

	private static final Path INPUT_DIR = createInputDir();

	private static final List<String> TABLES = List.of("settlement_work", "settlement_pass", "batch_currency_total", "payment", "import_reject",
			"payment_batch", "import_file", "merchant_batch_counter", "job_lease", "payment_inbox", "BATCH_STEP_EXECUTION_CONTEXT",
			"BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION",
			"BATCH_JOB_INSTANCE");

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected InputFolder inputFolder;

	@Autowired
	protected SandboxGateway sandbox;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("settle.input.dir", INPUT_DIR::toString);
		if (TestDatabase.postgres()) {
			registry.add("spring.datasource.url",
					() -> TestDatabase.POSTGRES_URL + "?currentSchema=" + TestDatabase.POSTGRES_SCHEMA);
			registry.add("spring.datasource.username", () -> "postgres");
			registry.add("spring.datasource.password", () -> "");
			registry.add("spring.flyway.schemas", () -> TestDatabase.POSTGRES_SCHEMA);
		}
		else {
			registry.add("spring.datasource.url", () -> "jdbc:h2:mem:settle-functional;DB_CLOSE_DELAY=-1");
		}
	}

	@BeforeEach
	void startFromScratch() throws IOException {
		TABLES.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
		sandbox.faults().clear();
		try (Stream<Path> files = Files.walk(INPUT_DIR)) {
			files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(INPUT_DIR)).forEach(p -> p.toFile().delete());
		}
	}

	/** Writes a file into the drop folder. */
	/**
	 * Makes the table refuse the rows that break the check until the returned refusal is closed (in a
	 * try-with-resources): a crash at a chosen row (e.g. {@code "status <> 'SETTLED' OR reference_id <>
	 * 'r-5'"}: the outcome of r-5 cannot be stored), on H2 and PostgreSQL alike. (No lambda returning a
	 * JobExecution: {@code @SpringBatchTest} would take it for the job scope's factory.)
	 */
	protected Refusal refuseRows(String table, String check) {
		jdbc.sql("ALTER TABLE " + table + " ADD CONSTRAINT test_crash CHECK (" + check + ")").update();
		return () -> jdbc.sql("ALTER TABLE " + table + " DROP CONSTRAINT test_crash").update();
	}

	/** A crash injected by {@link #refuseRows}, lifted on close. */
	protected interface Refusal extends AutoCloseable {

		@Override
		void close();

	}

	protected Path drop(String name, String content) {
		try {
			return Files.writeString(INPUT_DIR.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	protected Map<String, Object> step(long jobExecutionId, String stepName) {
		return jdbc.sql("SELECT * FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?")
			.params(jobExecutionId, stepName)
			.query()
			.singleRow();
	}

	protected static long count(Map<String, Object> row, String column) {
		Object value = row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst()
			.orElseThrow(() -> new AssertionError("no column " + column + " in " + row)).getValue();
		return ((Number) value).longValue();
	}

	private static Path createInputDir() {
		try {
			return Files.createTempDirectory("settle-input");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A clean schema per test JVM, whatever an earlier run left in the shared PostgreSQL database. */
	@TestConfiguration
	static class CleanSchema {

		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return flyway -> {
				flyway.clean();
				flyway.migrate();
			};
		}

	}

}
