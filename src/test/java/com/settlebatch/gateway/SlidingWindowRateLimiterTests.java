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

/** The seed's rate-limit examples (seed 001, "API Rate Limits") on a fake clock, margin included. */
class SlidingWindowRateLimiterTests {

	private static final long MARGIN = SlidingWindowRateLimiter.MARGIN.toMillis();

	private final FakeTime time = new FakeTime();

	private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(30, Duration.ofSeconds(10), time);

	/** Acquires and finishes at once, as a request with no latency would; returns when it was sent. */
	private long send(String endpoint) {
		try (SlidingWindowRateLimiter.Permit permit = limiter.acquire(endpoint)) {
			return time.millis();
		}
	}

	@Test
	void thirtyOneInTheFirstSecondTheLastWaitsUntilTheFirstLeavesTheWindow() {
		for (int i = 0; i < 30; i++) {
			time.setMillis(i * 30);
			assertThat(send("/payments")).isEqualTo(i * 30);
		}
		time.setMillis(950);
		assertThat(send("/payments")).isEqualTo(10_000 + MARGIN);
		assertThat(send("/payments")).as("the second oldest leaves 30 ms later").isEqualTo(10_030 + MARGIN);
		assertThat(time.sleeps).hasSize(2);
	}

	@Test
	void fifteenAtSecondNineAndSixteenAtSecondTen() {
		time.setMillis(9_000);
		sendUnthrottled(15);
		time.setMillis(10_000);
		sendUnthrottled(15);

		assertThat(send("/payments")).as("the 16th of second 10").isEqualTo(19_000 + MARGIN);
		sendUnthrottled(14);
		assertThat(send("/payments")).as("once second 10 leaves the window").isEqualTo(20_000 + MARGIN);
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

		assertThat(send("/payments")).isEqualTo(11_000 + MARGIN);
	}

	@Test
	void endpointsHaveSeparateBudgets() {
		sendUnthrottled(30);

		assertThat(send("/batch/create")).isZero();
		assertThat(time.sleeps).isEmpty();
	}

	@Test
	void limitZeroNeverWaits() {
		SlidingWindowRateLimiter off = new SlidingWindowRateLimiter(0, Duration.ofSeconds(10), time);
		for (int i = 0; i < 1_000; i++) {
			off.acquire("/payments").close();
		}
		assertThat(time.sleeps).isEmpty();
		assertThat(time.millis()).isZero();
	}

	@Test
	void aRequestStillInFlightHoldsItsSlotAndItsWindowStartsWhenItFinishes() throws Exception {
		SlidingWindowRateLimiter one = new SlidingWindowRateLimiter(1, Duration.ofSeconds(1), time);
		SlidingWindowRateLimiter.Permit slow = one.acquire("/payments");

		CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> {
			one.acquire("/payments").close();
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
			assertThatThrownBy(() -> limiter.acquire("/payments")).isInstanceOf(SlidingWindowRateLimiter.Interrupted.class);
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
			assertThat(send("/payments")).as("request %d of %d at %d ms", i + 1, count, at).isEqualTo(at);
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
