package com.settlebatch.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.SettlementApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox outlives the process: an event committed by a process that never delivered
 * it (killed, or stopped before its loop came round) is delivered by the next process of
 * the application that starts on the same database.
 */
class UndeliveredAlertFunctionalTests extends FunctionalTestSupport {

	static final WebhookReceiver receiver = new WebhookReceiver();

	/** The settings a second process on the same database and gateway would have. */
	private static final List<String> SHARED = List.of("spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "spring.flyway.schemas", "settle.input.dir", "settle.reports.folder",
			"settle.sandbox.embedded", "settle.gateway.base-url", "settle.gateway.app-token",
			"settle.gateway.client-secret", "settle.alerts.webhook.url", "settle.alerts.webhook.secret");

	@Autowired
	Alerts alerts;

	@Autowired
	Environment environment;

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
	void anEventLeftUndeliveredIsDeliveredByTheNextProcessToStart() throws InterruptedException {
		// given an event committed by a process whose delivery loop never ran (the
		// test's application has it off, as a process killed after its commit would)
		alerts.record(new AlertEvent("run-failed:41", "run.failed", "settlement 2026-12-06 (execution 41) FAILED",
				Map.of("executionId", 41)));
		assertThat(status()).isEqualTo("PENDING 0");
		assertThat(receiver.received()).isEmpty();

		// when another process of the application starts on the same database
		try (ConfigurableApplicationContext next = new SpringApplicationBuilder(SettlementApplication.class)
			.run(nextProcess())) {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (!status().startsWith("DELIVERED") && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
		}

		// then its delivery loop sent the event, once, and recorded it delivered
		assertThat(status()).isEqualTo("DELIVERED 1");
		assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsExactly("run-failed:41");
		assertThat(receiver.received().get(0).signature())
			.isEqualTo(AlertDeliveryFunctionalTests.expectedSignature(receiver.received().get(0)));
	}

	/**
	 * Command-line arguments, as a process gets them: they outrank application.yml, whose
	 * database is the file under data/.
	 */
	private String[] nextProcess() {
		List<String> arguments = new ArrayList<>();
		SHARED.forEach(name -> {
			String value = environment.getProperty(name);
			if (value != null) {
				arguments.add("--" + name + "=" + value);
			}
		});
		arguments.add("--settle.alerts.delivery.enabled=true");
		arguments.add("--settle.alerts.delivery.poll-interval=200ms");
		return arguments.toArray(String[]::new);
	}

	private String status() {
		return jdbc.sql("SELECT status, attempts FROM alert_delivery WHERE event_id = 'run-failed:41'")
			.query((rs, n) -> rs.getString(1) + " " + rs.getInt(2))
			.single();
	}

}
