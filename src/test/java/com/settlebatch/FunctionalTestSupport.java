package com.settlebatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on H2 or PostgreSQL ({@link TestDatabase}) with the embedded
 * sandbox gateway (switched on in functional-test.properties); every test starts from
 * empty tables (every table of the schema but Flyway's history and the gateway
 * throttle's), an empty drop folder and no injected faults.
 */
@SpringBootTest
@SpringBatchTest
@TestPropertySource(locations = "classpath:functional-test.properties")
@ExtendWith(TestDatabase.class)
@Import(FunctionalTestSupport.CleanSchema.class)
public abstract class FunctionalTestSupport {

	private static final Path INPUT_DIR = createInputDir();

	/**
	 * Tables of the running application rather than of a test, kept with Flyway's
	 * history: the shared gateway throttle's window (on PostgreSQL) spans tests as it
	 * spans runs.
	 */
	// The audit trail is append-only (on PostgreSQL a trigger refuses DELETE): tests that
	// read it look only at the rows they made.
	private static final Set<String> KEPT_TABLES = Set.of("gateway_throttle_lock", "gateway_throttle_slot",
			"audit_event");

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected JobRepository jobRepository;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private Flyway flyway;

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
		Set<String> kept = new HashSet<>(KEPT_TABLES);
		kept.add(flyway.getConfiguration().getTable());
		SchemaTables.childrenFirst(dataSource, kept).forEach(table -> jdbc.sql("DELETE FROM " + table).update());
		sandbox.faults().clear();
		try (Stream<Path> files = Files.walk(INPUT_DIR)) {
			files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(INPUT_DIR)).forEach(p -> p.toFile().delete());
		}
	}

	/**
	 * Makes the table refuse the rows that break the check until the returned refusal is
	 * closed (in a try-with-resources): a crash at a chosen row (e.g.
	 * {@code "status <> 'SETTLED' OR reference_id <>
	 * 'r-5'"}: the outcome of r-5 cannot be stored), on H2 and PostgreSQL alike. (No
	 * lambda returning a JobExecution: {@code @SpringBatchTest} would take it for the job
	 * scope's factory.)
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

	/** Writes a file into the drop folder. */
	protected Path drop(String name, String content) {
		try {
			return Files.writeString(INPUT_DIR.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Every run of the named step in a job execution as the job repository stored it (a
	 * step in a loop runs more than once; a partitioned step's manager holds the totals
	 * of its partitions). A list, and never a single {@code StepExecution}:
	 * {@code @SpringBatchTest} would take any method returning one for the step scope's
	 * factory.
	 */
	protected List<StepExecution> stepExecutions(long jobExecutionId, String stepName) {
		return jobRepository.getJobExecution(jobExecutionId)
			.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(stepName))
			.toList();
	}

	/** The one element of a list, which must have exactly one. */
	protected static <T> T only(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	/** Every payment as the payment table holds it, by reference id. */
	protected List<StoredPayment> storedPayments() {
		return jdbc.sql("""
				SELECT reference_id, status, attempts, http_status, error_code, gateway_id, correlation_id
				FROM payment
				ORDER BY reference_id""").query(StoredPayment.class).list();
	}

	/** The one payment of the test. */
	protected StoredPayment storedPayment() {
		List<StoredPayment> payments = storedPayments();
		assertThat(payments).as("payments").hasSize(1);
		return payments.get(0);
	}

	/** A payment's settlement as the payment table holds it. */
	protected record StoredPayment(String referenceId, String status, int attempts, Integer httpStatus,
			String errorCode, String gatewayId, String correlationId) {
	}

	private static Path createInputDir() {
		try {
			return Files.createTempDirectory("settle-input");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A clean schema per test JVM, whatever an earlier run left in the shared PostgreSQL
	 * database.
	 */
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
