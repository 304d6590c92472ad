package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.batchBody;
import static com.settlebatch.sandbox.SandboxTestClient.batchCall;
import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SandboxThrottleTests {

	@Test
	void fourthRequestInTheWindowIsThrottledUntilTheWindowPasses() throws Exception {
		SandboxSettings settings = SandboxSettings.defaults().withThrottle(3, Duration.ofSeconds(1));
		try (SandboxGateway gateway = SandboxGateway.start(settings)) {
			SandboxTestClient client = new SandboxTestClient(gateway, settings);
			for (int i = 0; i < 3; i++) {
				assertThat(client.payment("k-" + i, payment("r-" + i, 100, "acct-1")).statusCode()).isEqualTo(201);
			}

			HttpResponse<String> throttled = client.payment("k-3", payment("r-3", 100, "acct-1"));
			// Counted separately per endpoint.
			HttpResponse<String> otherEndpoint = client.batch(batchBody("sandbox-app", "sandbox-secret",
					batchCall("p-9", "k-9", payment("r-9", 100, "acct-1"))));

			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(json(throttled).get("error_code").stringValue()).isEqualTo("THROTTLE_EXCEEDED");
			assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(throttled.headers().firstValue("X-Correlation-Id")).isPresent();
			assertThat(otherEndpoint.statusCode()).isEqualTo(200);
			assertThat(gateway.ledger().chargesFor("k-3")).isZero();
			assertThat(gateway.ledger().callCount()).isEqualTo(4);

			Thread.sleep(1_100);
			HttpResponse<String> afterWindow = client.payment("k-3", payment("r-3", 100, "acct-1"));
			assertThat(afterWindow.statusCode()).isEqualTo(201);
			assertThat(gateway.ledger().chargesFor("k-3")).isEqualTo(1);
		}
	}

	@Test
	void slidingWindowFreesSlotsAsOldRequestsAge() {
		AtomicLong now = new AtomicLong();
		SlidingWindowThrottle throttle = new SlidingWindowThrottle(30, Duration.ofSeconds(10), now::get);
		// The provider's example: 3 requests per second for seconds 1-9, then 4 on second 10.
		for (int second = 1; second <= 9; second++) {
			now.set(seconds(second));
			for (int i = 0; i < 3; i++) {
				assertThat(throttle.tryAcquire("/payments")).isZero();
			}
		}
		now.set(seconds(10));
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.tryAcquire("/payments")).isZero();
		}
		assertThat(throttle.tryAcquire("/payments")).isEqualTo(1);
		assertThat(throttle.tryAcquire("/batch/create")).isZero();
		now.set(seconds(11));
		assertThat(throttle.tryAcquire("/payments")).isZero();
	}

	@Test
	void retryAfterIsWholeSecondsUntilTheOldestRequestLeavesTheWindow() {
		AtomicLong now = new AtomicLong();
		SlidingWindowThrottle throttle = new SlidingWindowThrottle(2, Duration.ofSeconds(10), now::get);
		throttle.tryAcquire("/payments");
		throttle.tryAcquire("/payments");
		now.set(seconds(2) + 1);
		assertThat(throttle.tryAcquire("/payments")).isEqualTo(8);
		assertThat(new SlidingWindowThrottle(0, Duration.ofSeconds(1), now::get).tryAcquire("/payments")).isZero();
	}

	private static long seconds(long s) {
		return Duration.ofSeconds(s).toNanos();
	}
}
