package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.batchBody;
import static com.settlebatch.sandbox.SandboxTestClient.batchCall;
import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.settlebatch.sandbox.SlidingWindowThrottle.Kind;

/**
 * The gateway's three throttles (seed 001, "API Rate Limits"): app-based, endpoint-based
 * and account-based, sliding windows in force together, the refusal naming the throttle
 * in play.
 */
class SandboxThrottleTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	@Test
	void givenAnEndpointThrottleOfThreeWhenAFourthPaymentArrivesInTheWindowThenItIsRefusedAsTheEndpointThrottleUntilTheWindowPasses()
			throws Exception {
		SandboxSettings settings = SandboxSettings.defaults()
			.withThrottle(new SandboxSettings.Throttle(0, 3, 0, SECOND));
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			for (int i = 0; i < 3; i++) {
				assertThat(client.payment("k-" + i, payment("r-" + i, 100, "acct-" + i)).statusCode()).isEqualTo(201);
			}

			HttpResponse<String> throttled = client.payment("k-3", payment("r-3", 100, "acct-3"));
			// Counted separately per endpoint.
			HttpResponse<String> otherEndpoint = client.batch(
					batchBody("sandbox-app", "sandbox-secret", batchCall("p-9", "k-9", payment("r-9", 100, "acct-1"))));

			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(json(throttled).get("error_code").stringValue())
				.isEqualTo("THROTTLE_EXCEEDED.ENDPOINT_REQUEST_THROTTLE_EXCEEDED");
			assertThat(json(throttled).get("error_description").stringValue()).contains("POST /payments");
			assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(throttled.headers().firstValue("X-Correlation-Id")).isPresent();
			assertThat(otherEndpoint.statusCode()).isEqualTo(200);
			assertThat(gateway.ledger().chargesFor("k-3")).isZero();
			assertThat(gateway.ledger().callCount()).isEqualTo(4);
			assertThat(gateway.ledger().throttledCount("ENDPOINT_REQUEST_THROTTLE_EXCEEDED")).isEqualTo(1);

			Thread.sleep(1_100);
			HttpResponse<String> afterWindow = client.payment("k-3", payment("r-3", 100, "acct-3"));
			assertThat(afterWindow.statusCode()).isEqualTo(201);
			assertThat(gateway.ledger().chargesFor("k-3")).isEqualTo(1);
		}
	}

	@Test
	void givenAnAppThrottleOfThreeWhenThreeRequestsToThreeEndpointsFillItThenTheFourthIsRefusedAsTheApplicationThrottle()
			throws Exception {
		SandboxSettings settings = SandboxSettings.defaults()
			.withThrottle(new SandboxSettings.Throttle(3, 0, 0, SECOND));
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			assertThat(client.payment("k-1", payment("r-1", 100, "acct-1")).statusCode()).isEqualTo(201);
			assertThat(client.lookup("k-1").statusCode()).isEqualTo(200);
			assertThat(client
				.batch(batchBody("sandbox-app", "sandbox-secret",
						batchCall("p-2", "k-2", payment("r-2", 100, "acct-2"))))
				.statusCode()).isEqualTo(200);

			HttpResponse<String> throttled = client.lookup("k-2");

			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(json(throttled).get("error_code").stringValue())
				.isEqualTo("THROTTLE_EXCEEDED.APPLICATION_REQUEST_THROTTLE_EXCEEDED");
			assertThat(json(throttled).get("error").stringValue()).isEqualTo("throttle_exceeded");
			assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(gateway.ledger().throttledCount("APPLICATION_REQUEST_THROTTLE_EXCEEDED")).isEqualTo(1);
		}
	}

	@Test
	void givenAnAccountThrottleOfTwoWhenOneAccountIsFullThenItsNextPaymentIsRefusedAsTheAccountThrottleWhileOthersAndLookupsPass()
			throws Exception {
		SandboxSettings settings = SandboxSettings.defaults()
			.withThrottle(new SandboxSettings.Throttle(0, 0, 2, SECOND));
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			assertThat(client.payment("k-1", payment("r-1", 100, "acct-hot")).statusCode()).isEqualTo(201);
			assertThat(client.payment("k-2", payment("r-2", 100, "acct-hot")).statusCode()).isEqualTo(201);

			HttpResponse<String> throttled = client.payment("k-3", payment("r-3", 100, "acct-hot"));
			HttpResponse<String> otherAccount = client.payment("k-4", payment("r-4", 100, "acct-cold"));
			HttpResponse<String> lookup = client.lookup("k-1");

			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(json(throttled).get("error_code").stringValue())
				.isEqualTo("THROTTLE_EXCEEDED.ACCOUNT_REQUEST_THROTTLE_EXCEEDED");
			assertThat(json(throttled).get("error_description").stringValue()).doesNotContain("acct-hot");
			assertThat(otherAccount.statusCode()).isEqualTo(201);
			assertThat(lookup.statusCode()).as("a lookup pays no account").isEqualTo(200);
			assertThat(gateway.ledger().chargesFor("k-3")).isZero();
			assertThat(gateway.ledger().throttledCount("ACCOUNT_REQUEST_THROTTLE_EXCEEDED")).isEqualTo(1);
		}
	}

	@Test
	void givenAnAccountThrottleOfTwoWhenBatchesPayAnAccountManyTimesThenEachBatchCountsOnceForEveryAccountItPays()
			throws Exception {
		SandboxSettings settings = SandboxSettings.defaults()
			.withThrottle(new SandboxSettings.Throttle(0, 0, 2, SECOND));
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			for (int batch = 0; batch < 2; batch++) {
				String calls = String.join(",",
						batchCall("p-a" + batch, "k-a" + batch, payment("r-a" + batch, 100, "acct-1")),
						batchCall("p-b" + batch, "k-b" + batch, payment("r-b" + batch, 100, "acct-1")),
						batchCall("p-c" + batch, "k-c" + batch, payment("r-c" + batch, 100, "acct-1")),
						batchCall("p-d" + batch, "k-d" + batch, payment("r-d" + batch, 100, "acct-2")));
				assertThat(client.batch(batchBody("sandbox-app", "sandbox-secret", calls)).statusCode())
					.as("batch %d: three payments of acct-1 count once", batch)
					.isEqualTo(200);
			}

			HttpResponse<String> acct1 = client.payment("k-1", payment("r-1", 100, "acct-1"));
			HttpResponse<String> acct2 = client.batch(
					batchBody("sandbox-app", "sandbox-secret", batchCall("p-2", "k-2", payment("r-2", 100, "acct-2"))));
			HttpResponse<String> acct3 = client.payment("k-3", payment("r-3", 100, "acct-3"));

			assertThat(acct1.statusCode()).isEqualTo(429);
			assertThat(json(acct1).get("error_code").stringValue()).endsWith(".ACCOUNT_REQUEST_THROTTLE_EXCEEDED");
			assertThat(acct2.statusCode()).as("a batch paying a full account is refused whole").isEqualTo(429);
			assertThat(acct3.statusCode()).isEqualTo(201);
			assertThat(gateway.ledger().chargeCount()).isEqualTo(2 * 4 + 1);
		}
	}

	@Test
	void givenEveryLimitZeroWhenManyRequestsArriveAtOnceThenNoneIsRefused() throws Exception {
		SandboxSettings settings = SandboxSettings.defaults().withThrottle(SandboxSettings.Throttle.OFF);
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			for (int i = 0; i < 40; i++) {
				assertThat(client.payment("k-" + i, payment("r-" + i, 100, "acct-1")).statusCode()).isEqualTo(201);
			}
			assertThat(gateway.ledger().throttledCount()).isZero();
		}
	}

	@Test
	void givenThreePerSecondForNineSecondsWhenFourArriveOnSecondTenThenTheLastWaitsUntilSecondElevenAsTheSeedSays() {
		AtomicLong now = new AtomicLong();
		SlidingWindowThrottle throttle = new SlidingWindowThrottle(
				SandboxSettings.Throttle.all(30, Duration.ofSeconds(10)), now::get);
		// The provider's example: 3 requests per second for seconds 1-9, then 4 on second
		// 10.
		for (int second = 1; second <= 9; second++) {
			now.set(seconds(second));
			for (int i = 0; i < 3; i++) {
				assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-" + i))).isEmpty();
			}
		}
		now.set(seconds(10));
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-" + i))).isEmpty();
		}
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-9"))).hasValueSatisfying(refusal -> {
			assertThat(refusal.kind()).as("the app's 30 are used up before the endpoint's").isEqualTo(Kind.APPLICATION);
			assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
		});
		now.set(seconds(11));
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-9"))).isEmpty();
	}

	@Test
	void givenSeveralFullWindowsWhenARequestIsRefusedThenTheBroadestIsNamedAndRetryAfterCoversEveryFullWindow() {
		AtomicLong now = new AtomicLong();
		SlidingWindowThrottle throttle = new SlidingWindowThrottle(
				new SandboxSettings.Throttle(2, 2, 1, Duration.ofSeconds(10)), now::get);
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-1"))).isEmpty();
		now.set(seconds(4));
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-2"))).isEmpty();

		now.set(seconds(5));
		Optional<SlidingWindowThrottle.Refusal> refusal = throttle.tryAcquire("POST /payments", Set.of("acct-2"));

		// App and endpoint free a slot at second 10, acct-2's only at second 14.
		assertThat(refusal).hasValueSatisfying(r -> {
			assertThat(r.kind()).isEqualTo(Kind.APPLICATION);
			assertThat(r.errorCode()).isEqualTo("THROTTLE_EXCEEDED.APPLICATION_REQUEST_THROTTLE_EXCEEDED");
			assertThat(r.retryAfterSeconds()).isEqualTo(9);
		});
		now.set(seconds(10));
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-2")))
			.hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(Kind.ACCOUNT));
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-3"))).isEmpty();
	}

	@Test
	void givenARequestRefusedByOneThrottleWhenOthersArriveThenTheRefusedOneTookNoSlotInAnyWindow() {
		AtomicLong now = new AtomicLong();
		SlidingWindowThrottle throttle = new SlidingWindowThrottle(
				new SandboxSettings.Throttle(3, 3, 1, Duration.ofSeconds(10)), now::get);
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-1"))).isEmpty();
		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-1")))
			.hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(Kind.ACCOUNT));

		assertThat(throttle.tryAcquire("POST /payments", Set.of("acct-2"))).isEmpty();
		assertThat(throttle.tryAcquire("POST /batch/create", List.of("acct-3", "acct-4", "acct-3"))).isEmpty();
		assertThat(throttle.tryAcquire("GET /payments", Set.of()))
			.hasValueSatisfying(r -> assertThat(r.kind()).as("three admitted, the refused one not counted")
				.isEqualTo(Kind.APPLICATION));
	}

	@Test
	void givenTwoSlotsTakenWhenTheThirdIsRefusedThenRetryAfterIsWholeSecondsUntilTheOldestLeavesTheWindow() {
		AtomicLong now = new AtomicLong();
		SlidingWindowThrottle throttle = new SlidingWindowThrottle(
				new SandboxSettings.Throttle(0, 2, 0, Duration.ofSeconds(10)), now::get);
		throttle.tryAcquire("POST /payments", Set.of());
		throttle.tryAcquire("POST /payments", Set.of());
		now.set(seconds(2) + 1);
		assertThat(throttle.tryAcquire("POST /payments", Set.of()))
			.hasValueSatisfying(r -> assertThat(r.retryAfterSeconds()).isEqualTo(8));
		assertThat(throttle.tryAcquire("POST /batch/create", Set.of())).as("endpoints count apart").isEmpty();
	}

	private static long seconds(long s) {
		return Duration.ofSeconds(s).toNanos();
	}

}
