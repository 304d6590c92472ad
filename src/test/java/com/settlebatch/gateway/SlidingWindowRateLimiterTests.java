package com.settlebatch.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's rate-limit examples (seed 001, "API Rate Limits") on a fake clock, margin
 * included.
 */
class SlidingWindowRateLimiterTests {

	private static final long MARGIN = SlidingWindowRateLimiter.MARGIN.toMillis();

	private final FakeTime time = new FakeTime();

	/** The seed's numbers, per endpoint only: the examples are about one endpoint. */
	private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(throttle(0, 30, 0, 10), time);

	private static GatewayProperties.Throttle throttle(int app, int endpoint, int account, int windowSeconds) {
		return new GatewayProperties.Throttle(30, app, endpoint, account, Duration.ofSeconds(windowSeconds),
				GatewayProperties.Windows.MEMORY);
	}

	/**
	 * Acquires and finishes at once, as a request with no latency would; returns when it
	 * was sent.
	 */
	private long send(String endpoint) {
		return send(limiter, endpoint, List.of());
	}

	private long send(SlidingWindowRateLimiter limiter, String endpoint, List<String> accounts) {
		try (SlidingWindowRateLimiter.Permit permit = limiter.acquire(endpoint, accounts)) {
			return time.millis();
		}
	}

	@Test
	void thirtyOneInTheFirstSecondTheLastWaitsUntilTheFirstLeavesTheWindow() {
		for (int i = 0; i < 30; i++) {
			time.setMillis(i * 30);
			assertThat(send("POST /payments")).isEqualTo(i * 30);
		}
		time.setMillis(950);
		assertThat(send("POST /payments")).isEqualTo(10_000 + MARGIN);
		assertThat(send("POST /payments")).as("the second oldest leaves 30 ms later").isEqualTo(10_030 + MARGIN);
		assertThat(time.sleeps).hasSize(2);
	}

	@Test
	void fifteenAtSecondNineAndSixteenAtSecondTen() {
		time.setMillis(9_000);
		sendUnthrottled(15);
		time.setMillis(10_000);
		sendUnthrottled(15);

		assertThat(send("POST /payments")).as("the 16th of second 10").isEqualTo(19_000 + MARGIN);
		sendUnthrottled(14);
		assertThat(send("POST /payments")).as("once second 10 leaves the window").isEqualTo(20_000 + MARGIN);
		sendUnthrottled(14);
		assertThat(time.sleeps).hasSize(2);
	}

	@Test
	void threePerSecondThenFourAtSecondTenTheLastWaitsUntilSecondEleven() {
		for (int second = 1; second <= 9; second++) {
			time.setMillis(second * 1_000L);
			sendUnthrottled(3);
		}
		time.setMillis(10_000);
		sendUnthrottled(3);

		assertThat(send("POST /payments")).isEqualTo(11_000 + MARGIN);
	}

	@Test
	void givenNoAppThrottleWhenOneEndpointIsFullThenAnotherEndpointDoesNotWait() {
		sendUnthrottled(30);

		assertThat(send("POST /batch/create")).isZero();
		assertThat(time.sleeps).isEmpty();
	}

	@Test
	void givenAnAppThrottleOfThreeWhenThreeEndpointsShareItThenTheFourthRequestWaitsWhateverItsEndpoint() {
		SlidingWindowRateLimiter app = new SlidingWindowRateLimiter(throttle(3, 30, 0, 10), time);
		assertThat(send(app, "POST /payments", List.of("acct-1"))).isZero();
		assertThat(send(app, "GET /payments", List.of())).isZero();
		assertThat(send(app, "POST /batch/create", List.of("acct-2"))).isZero();

		assertThat(send(app, "GET /payments", List.of())).isEqualTo(10_000 + MARGIN);
	}

	@Test
	void givenAnAccountThrottleOfTwoWhenOneAccountIsFullThenOnlyItsRequestsWait() {
		SlidingWindowRateLimiter account = new SlidingWindowRateLimiter(throttle(0, 30, 2, 10), time);
		send(account, "POST /payments", List.of("acct-hot"));
		time.setMillis(1_000);
		send(account, "POST /payments", List.of("acct-hot"));

		assertThat(send(account, "POST /payments", List.of("acct-cold"))).isEqualTo(1_000);
		assertThat(send(account, "GET /payments", List.of())).as("a lookup pays no account").isEqualTo(1_000);
		assertThat(send(account, "POST /payments", List.of("acct-hot"))).isEqualTo(10_000 + MARGIN);
	}

	@Test
	void givenAnAccountThrottleOfTwoWhenABatchPaysAnAccountThreeTimesThenItTakesOneSlotOfThatAccount() {
		SlidingWindowRateLimiter account = new SlidingWindowRateLimiter(throttle(0, 30, 2, 10), time);
		assertThat(send(account, "POST /batch/create", List.of("acct-1", "acct-1", "acct-1", "acct-2"))).isZero();
		assertThat(send(account, "POST /batch/create", List.of("acct-1", "acct-3"))).isZero();
		assertThat(send(account, "POST /batch/create", List.of("acct-2", "acct-3"))).isZero();

		assertThat(send(account, "POST /batch/create", List.of("acct-4", "acct-1"))).isEqualTo(10_000 + MARGIN);
		assertThat(time.sleeps).hasSize(1);
	}

	@Test
	void givenAFullAccountWindowWhenARequestForItIsRefusedThenItHoldsNoSlotOfTheAppOrTheEndpoint() {
		MemoryWindows windows = new MemoryWindows(Duration.ofSeconds(10).toNanos(), time);
		List<WindowStore.Scope> hot = List.of(new WindowStore.Scope("app", 3),
				new WindowStore.Scope("endpoint POST /payments", 3), new WindowStore.Scope("account acct-hot", 1));
		List<WindowStore.Scope> cold = List.of(new WindowStore.Scope("app", 3),
				new WindowStore.Scope("endpoint POST /payments", 3), new WindowStore.Scope("account acct-cold", 3));
		windows.tryTake(hot).release().run();

		WindowStore.Attempt refused = windows.tryTake(hot);

		assertThat(refused.isTaken()).isFalse();
		assertThat(refused.blockedBy()).isEqualTo("account acct-hot");
		assertThat(refused.waitNanos()).isEqualTo(Duration.ofSeconds(10).toNanos());
		assertThat(windows.tryTake(cold).isTaken()).isTrue();
		assertThat(windows.tryTake(cold).isTaken()).as("the refused request took none of the app's three").isTrue();
		assertThat(windows.tryTake(cold).blockedBy()).isEqualTo("app");
	}

	@Test
	void givenEveryLimitZeroWhenAThousandRequestsAreSentThenNoneWaits() {
		SlidingWindowRateLimiter off = new SlidingWindowRateLimiter(throttle(0, 0, 0, 10), time);
		for (int i = 0; i < 1_000; i++) {
			off.acquire("POST /payments", List.of("acct-1")).close();
		}
		assertThat(time.sleeps).isEmpty();
		assertThat(time.millis()).isZero();
	}

	@Test
	void aRequestStillInFlightHoldsItsSlotAndItsWindowStartsWhenItFinishes() throws Exception {
		SlidingWindowRateLimiter one = new SlidingWindowRateLimiter(throttle(0, 1, 0, 1), time);
		SlidingWindowRateLimiter.Permit slow = one.acquire("POST /payments", List.of());

		CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> {
			one.acquire("POST /payments", List.of()).close();
			return time.millis();
		});
		TimeUnit.MILLISECONDS.sleep(200);
		assertThat(next).as("the only slot is held by a request not yet answered").isNotDone();

		time.setMillis(5_000);
		slow.close();

		assertThat(next.get(5, TimeUnit.SECONDS)).as("a window from when the slow request finished, not started")
			.isEqualTo(6_000 + MARGIN);
	}

	@Test
	void anInterruptedWaitRestoresTheFlagAndSendsNothing() {
		Thread.currentThread().interrupt();
		try {
			assertThatThrownBy(() -> limiter.acquire("POST /payments", List.of()))
				.isInstanceOf(SlidingWindowRateLimiter.Interrupted.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		sendUnthrottled(30);
	}

	private void sendUnthrottled(int count) {
		long at = time.millis();
		for (int i = 0; i < count; i++) {
			assertThat(send("POST /payments")).as("request %d of %d at %d ms", i + 1, count, at).isEqualTo(at);
		}
	}

	/** Sleeping moves the clock on by exactly the time asked for. */
	static final class FakeTime implements SlidingWindowRateLimiter.TimeSource {

		private final AtomicLong nanos = new AtomicLong();

		final List<Long> sleeps = new ArrayList<>();

		@Override
		public long nanoTime() {
			return nanos.get();
		}

		@Override
		public synchronized void sleepNanos(long duration) {
			sleeps.add(duration);
			nanos.addAndGet(duration);
		}

		long millis() {
			return TimeUnit.NANOSECONDS.toMillis(nanos.get());
		}

		void setMillis(long millis) {
			nanos.set(TimeUnit.MILLISECONDS.toNanos(millis));
		}

	}

}
