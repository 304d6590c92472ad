package com.settlebatch.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.alerts.WebhookReceiver.Received;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox delivered to a real webhook receiver (the JDK's HTTP server) and a real SMTP
 * server (GreenMail): signatures the receiver verifies on its own, retries that keep the
 * webhook-id and wait as long as Retry-After says, 410 disabling the endpoint, one event
 * per id.
 */
@TestPropertySource(properties = { "settle.alerts.delivery.initial-delay=50ms",
		"settle.alerts.delivery.max-delay=200ms", "settle.alerts.delivery.max-attempts=4",
		"settle.alerts.mail.to=ops@example.com, finance@example.com", "settle.alerts.mail.from=settle@example.com" })
@ExtendWith(OutputCaptureExtension.class)
class AlertDeliveryFunctionalTests extends FunctionalTestSupport {

	/** As an operator would set it: whsec_ and a base64 key. */
	static final String SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("a 32-byte key for the receiver!!".getBytes(StandardCharsets.UTF_8));

	static final WebhookReceiver receiver = new WebhookReceiver();

	static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
		.withPerMethodLifecycle(false);

	@Autowired
	Alerts alerts;

	@Autowired
	Deliveries deliveries;

	@Autowired
	AlertQueries queries;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	AlertProperties properties;

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("settle.alerts.webhook.url", receiver::url);
		registry.add("settle.alerts.webhook.secret", () -> SECRET);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void nothingReceivedYet() throws Exception {
		receiver.reset();
		mail.purgeEmailFromAllMailboxes();
	}

	@Test
	void aWebhookCarriesAStandardWebhooksSignatureTheReceiverVerifiesAndAMailGoesOut() throws Exception {
		// given an event recorded
		assertThat(alerts.record(event("run-failed:7", "settlement 2026-12-06 (execution 7) FAILED"))).isTrue();

		// when the due deliveries are made
		assertThat(deliveries.deliverDue()).isEqualTo(2);

		// then the receiver got it once, signed over id.timestamp.body under the key
		Received got = only(receiver.received());
		assertThat(got.id()).isEqualTo("run-failed:7");
		assertThat(got.signature()).isEqualTo(expectedSignature(got));
		assertThat(Long.parseLong(got.timestamp())).isCloseTo(OffsetDateTime.now().toEpochSecond(),
				org.assertj.core.data.Offset.offset(60L));
		assertThat(got.body()).contains("\"type\":\"run.failed\"", "\"id\":\"run-failed:7\"", "\"executionId\":7");
		// and both addresses got the mail
		MimeMessage[] messages = mail.getReceivedMessages();
		assertThat(messages).hasSize(2);
		assertThat(messages[0].getSubject()).isEqualTo("[settle] settlement 2026-12-06 (execution 7) FAILED");
		assertThat(GreenMailUtil.getBody(messages[0])).contains("run-failed:7");
		// and both deliveries are kept as delivered, after one attempt each
		assertThat(only(queries.recent(10)).deliveries())
			.extracting(d -> d.channel() + " " + d.status() + " " + d.attempts())
			.containsExactly("mail DELIVERED 1", "webhook DELIVERED 1");
	}

	@Test
	void aRetryWaitsWhatRetryAfterAsksAndKeepsTheWebhookId() {
		// given a receiver that is busy once and asks for two seconds
		receiver.answerNext(503, Map.of("Retry-After", "2"));
		alerts.record(event("missed-start:2026-12-06", "the nightly settlement of 2026-12-06 did not start"));

		// when deliveries are attempted until it is delivered
		deliveries.deliverDue();
		long firstAt = receiver.received().get(0).atMillis();
		assertThat(delivery("webhook")).startsWith("PENDING 1 HTTP 503");
		awaitWebhookDelivered(Duration.ofSeconds(10));

		// then the second attempt came no sooner than asked, under the same id, signed
		// anew
		List<Received> got = receiver.received();
		assertThat(got).hasSize(2);
		assertThat(got.get(1).atMillis() - firstAt).isGreaterThanOrEqualTo(2000);
		assertThat(got).extracting(Received::id).containsOnly("missed-start:2026-12-06");
		assertThat(got).allSatisfy(r -> assertThat(r.signature()).isEqualTo(expectedSignature(r)));
		assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
		// and the delivery keeps its attempts and the error it overcame
		assertThat(delivery("webhook")).isEqualTo("DELIVERED 2 HTTP 503");
	}

	@Test
	void anEndpointThatAnswers410GetsNothingMore() {
		// given an endpoint that says it is gone
		receiver.answerNext(410, Map.of());
		alerts.record(event("run-failed:8", "first"));
		deliveries.deliverDue();
		assertThat(delivery("webhook")).startsWith("DISABLED 1 HTTP 410");

		// when another event is recorded and delivered
		alerts.record(event("run-failed:9", "second"));
		deliveries.deliverDue();

		// then the endpoint was called once only, and the second delivery is disabled too
		assertThat(receiver.received()).hasSize(1);
		assertThat(jdbc.sql("SELECT status FROM alert_delivery WHERE channel = 'webhook' ORDER BY event_id")
			.query(String.class)
			.list()).containsExactly("DISABLED", "DISABLED");
		// while mail still goes out
		assertThat(mail.getReceivedMessages()).hasSize(4);
	}

	@Test
	void theSameEventRecordedTwiceIsOneEventDeliveredOnce() {
		// given the same event recorded twice, as two nodes that notice one thing would
		assertThat(alerts.record(event("missed-finish:2026-12-06", "late"))).isTrue();
		assertThat(alerts.record(event("missed-finish:2026-12-06", "late, seen by another node"))).isFalse();

		// when delivered, and delivered again
		deliveries.deliverDue();
		deliveries.deliverDue();

		// then one event, one webhook call, one mail per address
		assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_event").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT summary FROM alert_event").query(String.class).single()).isEqualTo("late");
		assertThat(receiver.received()).hasSize(1);
		assertThat(mail.getReceivedMessages()).hasSize(2);
	}

	@Test
	void anEventOfATransactionThatRollsBackIsNeitherKeptNorSent() {
		// given an event recorded in a transaction that then fails
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			alerts.record(event("run-failed:10", "never happened"));
			status.setRollbackOnly();
		});

		// when deliveries are made
		deliveries.deliverDue();

		// then there is nothing to send
		assertThat(receiver.received()).isEmpty();
		assertThat(queries.recent(10)).isEmpty();
	}

	@Test
	void aReceiverThatNeverSucceedsIsGivenUpAfterTheLastAttemptAndTheDeliveryKept() {
		// given a receiver that always fails
		for (int i = 0; i < 4; i++) {
			receiver.answerNext(500, Map.of());
		}
		alerts.record(event("run-stopped:11", "stopped"));

		// when deliveries are attempted until none is due
		awaitWebhook(Duration.ofSeconds(10), "GAVE_UP");

		// then it took the configured four attempts
		assertThat(receiver.received()).hasSize(4);
		assertThat(delivery("webhook")).isEqualTo("GAVE_UP 4 HTTP 500");
	}

	@Test
	void neitherTheSecretNorTheUrlReachesTheLogsTheTablesOrTheSettings(CapturedOutput output) {
		// given deliveries that fail, are retried and end on a 410, at DEBUG level
		receiver.answerNext(503, Map.of("Retry-After", "0"));
		receiver.answerNext(410, Map.of());
		alerts.record(event("run-failed:12", "failed"));
		awaitWebhook(Duration.ofSeconds(10), "DISABLED");

		// then the signing key and the endpoint are nowhere but in the requests
		StringBuilder stored = new StringBuilder();
		for (String sql : List.of("SELECT id || summary || body FROM alert_event",
				"SELECT channel || status || COALESCE(last_error, '') FROM alert_delivery",
				"SELECT url_sha256 || reason FROM alert_endpoint")) {
			jdbc.sql(sql).query(String.class).list().forEach(stored::append);
		}
		assertThat(stored).contains("HTTP 410");
		String key = SECRET.substring("whsec_".length());
		for (String secret : List.of(key, receiver.url(), "/hooks/settle")) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(stored.toString()).doesNotContain(secret);
			assertThat(properties.toString()).doesNotContain(secret);
		}
	}

	private static AlertEvent event(String id, String summary) {
		return new AlertEvent(id, id.substring(0, id.indexOf(':')).replace('-', '.'), summary,
				Map.of("executionId", 7));
	}

	private String delivery(String channel) {
		return jdbc.sql("SELECT status, attempts, last_error FROM alert_delivery WHERE channel = ?")
			.param(channel)
			.query((rs, n) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3))
			.single();
	}

	private void awaitWebhookDelivered(Duration timeout) {
		awaitWebhook(timeout, "DELIVERED");
	}

	private void awaitWebhook(Duration timeout, String status) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!delivery("webhook").startsWith(status)) {
			assertThat(System.nanoTime()).as("webhook %s in time", status).isLessThan(deadline);
			deliveries.deliverDue();
			sleep(50);
		}
	}

	/**
	 * The receiver's own check, written from the Standard Webhooks specification and not
	 * from the product's code.
	 */
	static String expectedSignature(Received got) {
		try {
			byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key, "HmacSHA256"));
			String content = got.id() + "." + got.timestamp() + "." + got.body();
			return "v1," + Base64.getEncoder().encodeToString(hmac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
