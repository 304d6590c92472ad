package com.settlebatch.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.settlebatch.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle serve} of a cluster (transport rabbitmq, which needs PostgreSQL) whose
 * broker does not answer: a failed start told in one line with the broker's address and
 * what to check, not a service whose listeners retry in the log. The real launcher on a
 * schema of its own; PostgreSQL only.
 */
@EnabledIfSystemProperty(named = "settle.test.db", matches = "postgresql")
@ExtendWith({ TestDatabase.class, OutputCaptureExtension.class })
class BrokerFailureFunctionalTests {

	private static final String SCHEMA = "settle_broker_" + ProcessHandle.current().pid();

	private static final String[] PROPERTIES = { "SETTLE_HOME", "settle.sandbox.embedded", "spring.datasource.url",
			"spring.datasource.username", "settle.cluster.transport", "spring.rabbitmq.port" };

	@TempDir
	static Path home;

	@BeforeAll
	static void isolatedHomeAndSchema() throws SQLException {
		schema("CREATE SCHEMA " + SCHEMA);
		System.setProperty("SETTLE_HOME", home.toString());
		System.setProperty("settle.sandbox.embedded", "true");
		System.setProperty("spring.datasource.url", TestDatabase.POSTGRES_URL + "?currentSchema=" + SCHEMA);
		System.setProperty("spring.datasource.username", "postgres");
		System.setProperty("settle.cluster.transport", "rabbitmq");
	}

	@AfterAll
	static void restore() throws SQLException {
		for (String property : PROPERTIES) {
			System.clearProperty(property);
		}
		schema("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
	}

	private static void schema(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, "postgres", "")) {
			connection.createStatement().execute(sql);
		}
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void givenABrokerThatDoesNotAnswerWhenServeStartsThenItExitsOneWithItsAddressAndNoTrace(CapturedOutput terminal)
			throws IOException {
		// given a broker port where nothing listens
		int closed;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = free.getLocalPort();
		}
		System.setProperty("spring.rabbitmq.port", Integer.toString(closed));
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();

		// when serve starts
		SettleRun serve = SettleRun.of("serve", "--port", "0");

		// then it does not run: exit 1, the broker's address and what to check, the log
		assertThat(serve.exit()).as(serve.err()).isEqualTo(1);
		assertThat(serve.out()).doesNotContain("settle serve:");
		assertThat(serve.err()).contains("settle: serve: cannot reach the RabbitMQ broker at 127.0.0.1:" + closed,
				"SPRING_RABBITMQ_HOST", home.resolve("data/logs/settle.log").toAbsolutePath().normalize().toString());
		String shown = serve.out() + serve.err() + terminal.getAll();
		assertThat(shown).doesNotContain("\tat ", "Caused by");
		assertThat(shown.lines().filter(line -> !line.isBlank())).as(shown).hasSizeLessThanOrEqualTo(3);
	}

}
