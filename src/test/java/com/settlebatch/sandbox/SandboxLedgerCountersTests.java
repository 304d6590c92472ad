package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.batchBody;
import static com.settlebatch.sandbox.SandboxTestClient.batchCall;
import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The traffic figures of {@code GET /sandbox/ledger} that the bench scripts compute rates
 * from.
 */
class SandboxLedgerCountersTests {

	@Test
	void givenNoPaymentRequestYetWhenTheLedgerIsReadThenNothingIsThrottledAndBothCallTimesAreNull() throws Exception {
		SandboxSettings settings = SandboxSettings.defaults();
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			// A lookup is not a payment request: it must not stamp the call times.
			assertThat(client.lookup("k-none").statusCode()).isEqualTo(404);

			JsonNode ledger = json(client.get("/sandbox/ledger"));

			assertThat(ledger.get("throttled").longValue()).isZero();
			assertThat(ledger.has("firstCallAt")).isTrue();
			assertThat(ledger.get("firstCallAt").isNull()).isTrue();
			assertThat(ledger.has("lastCallAt")).isTrue();
			assertThat(ledger.get("lastCallAt").isNull()).isTrue();
		}
	}

	@Test
	void givenAThrottleOfTwoWhenPaymentsAndBatchesArriveThenOnlyThrottledAnswersAreCountedAndOnlyAcceptedRequestsAreStamped()
			throws Exception {
		SandboxSettings settings = SandboxSettings.defaults()
			.withThrottle(new SandboxSettings.Throttle(0, 2, 0, Duration.ofSeconds(30)));
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			String goodBatch = batchBody("sandbox-app", "sandbox-secret",
					batchCall("p-b", "k-b", payment("r-b", 100, "acct-1")));

			long beforeFirst = System.currentTimeMillis();
			assertThat(client.payment("k-0", payment("r-0", 100, "acct-1")).statusCode()).isEqualTo(201);
			long afterFirst = System.currentTimeMillis();
			assertThat(client.payment("k-1", payment("r-1", 100, "acct-1")).statusCode()).isEqualTo(201);
			Thread.sleep(25);
			long beforeLast = System.currentTimeMillis();
			assertThat(client.batch(goodBatch).statusCode()).isEqualTo(200);
			long afterLast = System.currentTimeMillis();
			Thread.sleep(25);
			long afterAccepted = System.currentTimeMillis();

			// Refused requests: three throttled, and two that fail authentication (never
			// stamped).
			HttpResponse<String> throttled = client.payment("k-2", payment("r-2", 100, "acct-1"));
			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(json(throttled).get("error_code").stringValue())
				.isEqualTo("THROTTLE_EXCEEDED.ENDPOINT_REQUEST_THROTTLE_EXCEEDED");
			assertThat(client.payment("k-3", payment("r-3", 100, "acct-1")).statusCode()).isEqualTo(429);
			assertThat(client
				.batch(batchBody("sandbox-app", "wrong-secret", batchCall("p-x", "k-x", payment("r-x", 100, "acct-1"))))
				.statusCode()).isEqualTo(401);
			assertThat(client.batch(goodBatch).statusCode()).isEqualTo(429);
			assertThat(client.send(client.request("/payments", payment("r-4", 100, "acct-1"), "wrong-token", "k-4"))
				.statusCode()).isEqualTo(401);

			JsonNode ledger = json(client.get("/sandbox/ledger"));

			assertThat(ledger.get("throttled").longValue()).isEqualTo(3);
			assertThat(gateway.ledger().throttledCount()).isEqualTo(3);
			assertThat(ledger.get("throttledBy").get("ENDPOINT_REQUEST_THROTTLE_EXCEEDED").longValue()).isEqualTo(3);
			assertThat(ledger.get("calls").longValue()).isEqualTo(3);
			assertThat(ledger.get("charges").longValue()).isEqualTo(3);
			assertThat(ledger.get("firstCallAt").isIntegralNumber()).isTrue();
			assertThat(ledger.get("firstCallAt").longValue()).isBetween(beforeFirst, afterFirst);
			assertThat(ledger.get("lastCallAt").isIntegralNumber()).isTrue();
			assertThat(ledger.get("lastCallAt").longValue()).isBetween(beforeLast, afterLast).isLessThan(afterAccepted);
			assertThat(gateway.ledger().firstCallAt()).hasValue(ledger.get("firstCallAt").longValue());
			assertThat(gateway.ledger().lastCallAt()).hasValue(ledger.get("lastCallAt").longValue());
		}
	}

	@Test
	void givenRequestsStampedOutOfOrderByConcurrentThreadsWhenTheLedgerIsReadThenItKeepsTheEarliestAndTheLatest() {
		MutableClock clock = new MutableClock();
		SandboxLedger ledger = new SandboxLedger(clock);
		long start = clock.millis();

		clock.advance(Duration.ofMillis(500));
		ledger.countCalls(50);
		clock.now = clock.now.minusMillis(400); // a thread that read the clock earlier
												// stamps later
		ledger.countCalls(1);
		clock.advance(Duration.ofMillis(200));
		ledger.countCalls(50);

		assertThat(ledger.firstCallAt()).hasValue(start + 100);
		assertThat(ledger.lastCallAt()).hasValue(start + 500);
		assertThat(ledger.callCount()).isEqualTo(101);
		assertThat(ledger.summary().get("firstCallAt").longValue()).isEqualTo(start + 100);
		assertThat(ledger.summary().get("lastCallAt").longValue()).isEqualTo(start + 500);
		assertThat(ledger.summary().get("throttled").longValue()).isZero();
	}

}
