package com.settlebatch.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 between an event and its delivery: a real {@code settle serve} process on the
 * test's database records that last night did not run and starts to deliver it to an
 * endpoint that hangs; it is killed with SIGKILL; the delivery is made by the next
 * process (here the test's own application) once the dead one's claim has run out. The H2
 * database is reached by the child through a TCP server of the test's JVM.
 */
class AlertKilledProcessFunctionalTests extends FunctionalTestSupport {

	static final WebhookReceiver receiver = new WebhookReceiver();

	@Autowired
	Deliveries deliveries;

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("settle.alerts.webhook.url", receiver::url);
		registry.add("settle.alerts.webhook.secret", () -> AlertDeliveryFunctionalTests.SECRET);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void anEventWhoseProcessWasKilledWhileDeliveringItIsDeliveredByTheNextProcess() throws Exception {
		// given a service whose night watch finds that the last nights (a midnight UTC
		// cron) never ran, and an endpoint that takes a delivery and does not answer
		receiver.hold();
		Server h2 = TestDatabase.postgres() ? null : Server.createTcpServer("-tcpPort", "0").start();
		Path home = Files.createTempDirectory("settle-killed-");
		Process serve = start(home, h2);
		String held;
		try {
			held = awaitRequest(serve, home);
			assertThat(held).startsWith("missed-");
			assertThat(delivery(held)).isEqualTo("PENDING 0");

			// when the service is killed in the middle of that delivery
			serve.destroyForcibly().waitFor();
		}
		finally {
			serve.destroyForcibly().waitFor();
			if (h2 != null) {
				h2.stop();
			}
		}
		receiver.release();

		// then the next process delivers it once the dead one's claim has run out
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!delivery(held).startsWith("DELIVERED") && System.nanoTime() < deadline) {
			deliveries.deliverDue();
			Thread.sleep(200);
		}
		assertThat(delivery(held)).isEqualTo("DELIVERED 1");
		// and the receiver saw that webhook-id twice, each time correctly signed (at
		// least once: a receiver de-duplicates by webhook-id)
		List<WebhookReceiver.Received> got = receiver.received().stream().filter(r -> r.id().equals(held)).toList();
		assertThat(got).hasSize(2);
		assertThat(got)
			.allSatisfy(r -> assertThat(r.signature()).isEqualTo(AlertDeliveryFunctionalTests.expectedSignature(r)));
		assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
	}

	private Process start(Path home, Server h2) throws IOException, SQLException {
		Map<String, String> properties = new TreeMap<>();
		if (h2 == null) {
			properties.put("spring.datasource.url",
					TestDatabase.POSTGRES_URL + "?currentSchema=" + TestDatabase.POSTGRES_SCHEMA);
			properties.put("spring.datasource.username", "postgres");
			properties.put("spring.datasource.password", "");
			properties.put("spring.flyway.schemas", TestDatabase.POSTGRES_SCHEMA);
		}
		else {
			properties.put("spring.datasource.url",
					"jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:settle-functional");
		}
		properties.put("SETTLE_HOME", home.toString());
		properties.put("settle.sandbox.embedded", "true");
		properties.put("settle.jobs.settlement.schedule.cron", "0 0 0 * * *");
		properties.put("settle.jobs.settlement.schedule.zone", "UTC");
		properties.put("settle.alerts.webhook.url", receiver.url());
		properties.put("settle.alerts.webhook.secret", AlertDeliveryFunctionalTests.SECRET);
		properties.put("settle.alerts.webhook.timeout", "120s");
		properties.put("settle.alerts.check-interval", "1s");
		properties.put("settle.alerts.delivery.poll-interval", "200ms");
		properties.put("settle.alerts.delivery.claim", "3s");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-cp", System.getProperty("java.class.path")));
		properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.addAll(List.of("com.settlebatch.SettleCli", "serve", "--port", "0"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(home.resolve("serve.log").toFile())
			.start();
	}

	/** The id of the first delivery the service makes. */
	private String awaitRequest(Process serve, Path home) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (receiver.received().isEmpty()) {
			if (!serve.isAlive() || System.nanoTime() > deadline) {
				throw new AssertionError(
						"settle serve delivered nothing:\n" + Files.readString(home.resolve("serve.log")));
			}
			Thread.sleep(100);
		}
		return receiver.received().get(0).id();
	}

	private String delivery(String eventId) {
		return jdbc.sql("SELECT status, attempts FROM alert_delivery WHERE event_id = ? AND channel = 'webhook'")
			.param(eventId)
			.query((rs, n) -> rs.getString(1) + " " + rs.getInt(2))
			.single();
	}

}
