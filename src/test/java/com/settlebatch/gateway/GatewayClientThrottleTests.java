package com.settlebatch.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.settlebatch.gateway.CallOutcome.Kind;
import com.settlebatch.gateway.GatewayProperties.Mode;
import com.settlebatch.sandbox.SandboxGateway;
import com.settlebatch.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads of one node through one shared limiter, against a sandbox enforcing the
 * same limits: the sandbox must never have to refuse a request.
 */
class GatewayClientThrottleTests {

	private static final Logger log = LoggerFactory.getLogger(GatewayClientThrottleTests.class);

	private static final int LIMIT = 5;

	private static final Duration WINDOW = Duration.ofSeconds(1);

	private static final int THREADS = 4;

	private static final int REQUESTS_PER_THREAD = 10;

	private static final int CALLS_PER_BATCH = 3;

	/**
	 * Both modes at once: they use different endpoints, so each gets its own budget and
	 * the whole run takes about as long as one mode alone.
	 */
	@Test
	void givenOnlyTheEndpointThrottleWhenFourThreadsPerModeSendThenNoneTripsTheSandboxAndEachEndpointKeepsToItsLimit()
			throws Exception {
		GatewayProperties.Throttle endpointOnly = new GatewayProperties.Throttle(LIMIT, 0, LIMIT, 0, WINDOW,
				GatewayProperties.Windows.MEMORY);
		SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(endpointOnly);
		ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
		try (SandboxGateway sandbox = SandboxGateway
			.start(new SandboxSettings(0, "app", "tok", "sec", Set.of(), sameAs(endpointOnly), Duration.ZERO, 42))) {
			long start = System.nanoTime();
			CompletableFuture<Run> single = run(client(sandbox, Mode.SINGLE, limiter), 1, pool, start);
			CompletableFuture<Run> batch = run(client(sandbox, Mode.BATCH, limiter), CALLS_PER_BATCH, pool, start);
			Run singleRun = single.get();
			Run batchRun = batch.get();
			Duration total = Duration.ofNanos(System.nanoTime() - start);
			log.info("{} requests per mode at {}/{}: single {} ms, batch {} ms, both {} ms",
					THREADS * REQUESTS_PER_THREAD, LIMIT, WINDOW, singleRun.elapsed().toMillis(),
					batchRun.elapsed().toMillis(), total.toMillis());

			for (Run run : List.of(singleRun, batchRun)) {
				assertThat(run.outcomes()).noneMatch(o -> o.errorCode() != null && o.errorCode().startsWith("THROTTLE"))
					.noneMatch(o -> Integer.valueOf(429).equals(o.httpStatus()))
					.allMatch(o -> o.kind() == Kind.SETTLED);
				// 40 requests at 5 per window: the last 5 wait for 7 windows to pass.
				assertThat(run.elapsed()).isGreaterThanOrEqualTo(WINDOW.multipliedBy(7));
			}
			assertThat(singleRun.outcomes()).hasSize(THREADS * REQUESTS_PER_THREAD);
			assertThat(batchRun.outcomes()).hasSize(THREADS * REQUESTS_PER_THREAD * CALLS_PER_BATCH);
			assertThat(sandbox.ledger().requestCount()).as("not one request refused and resent")
				.isEqualTo(2L * THREADS * REQUESTS_PER_THREAD);
			assertThat(sandbox.ledger().chargeCount()).isEqualTo(THREADS * REQUESTS_PER_THREAD * (1 + CALLS_PER_BATCH));
			// One shared budget for both endpoints would need at least 15 windows.
			assertThat(total).isLessThan(WINDOW.multipliedBy(12));
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Payments in both modes and lookups at once, one account paid by most of them,
	 * against a sandbox enforcing all three throttles: the app's (6), each endpoint's (4)
	 * and each account's (3) per second.
	 */
	@Test
	void givenAllThreeThrottlesWhenPaymentsBatchesAndLookupsShareOneHotAccountThenNoneTripsTheSandbox()
			throws Exception {
		GatewayProperties.Throttle all = new GatewayProperties.Throttle(LIMIT, 6, 4, 3, WINDOW,
				GatewayProperties.Windows.MEMORY);
		SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(all);
		ExecutorService pool = Executors.newFixedThreadPool(5);
		try (SandboxGateway sandbox = SandboxGateway
			.start(new SandboxSettings(0, "app", "tok", "sec", Set.of(), sameAs(all), Duration.ZERO, 42))) {
			GatewayClient single = client(sandbox, Mode.SINGLE, limiter);
			GatewayClient batch = client(sandbox, Mode.BATCH, limiter);
			long start = System.nanoTime();
			List<CompletableFuture<List<CallOutcome>>> threads = new ArrayList<>();
			for (int thread = 0; thread < 2; thread++) {
				String name = "single-" + thread;
				threads.add(
						CompletableFuture
							.supplyAsync(
									() -> repeat(6,
											i -> single.send(
													List.of(call(name + "-" + i, i % 3 == 2 ? "acct-b" : "acct-hot")))),
									pool));
			}
			for (int thread = 0; thread < 2; thread++) {
				String name = "batch-" + thread;
				threads.add(CompletableFuture.supplyAsync(
						() -> repeat(6, i -> batch.send(List.of(call(name + "-" + i + "-a", "acct-hot"),
								call(name + "-" + i + "-b", "acct-c"), call(name + "-" + i + "-c", "acct-hot")))),
						pool));
			}
			threads.add(CompletableFuture
				.supplyAsync(() -> repeat(6, i -> List.of(single.lookup(call("lookup-" + i, "acct-hot")))), pool));
			List<CallOutcome> outcomes = threads.stream().flatMap(thread -> thread.join().stream()).toList();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			log.info("30 requests under app 6, endpoint 4, account 3 per {}: {} ms", WINDOW, elapsed.toMillis());

			assertThat(outcomes).noneMatch(o -> o.errorCode() != null && o.errorCode().startsWith("THROTTLE"))
				.noneMatch(o -> Integer.valueOf(429).equals(o.httpStatus()));
			assertThat(outcomes).filteredOn(o -> o.paymentId().startsWith("lookup"))
				.hasSize(6)
				.allMatch(o -> o.kind() == Kind.NOT_AT_GATEWAY);
			assertThat(outcomes).filteredOn(o -> !o.paymentId().startsWith("lookup"))
				.hasSize(12 + 36)
				.allMatch(o -> o.kind() == Kind.SETTLED);
			assertThat(sandbox.ledger().throttledCount()).isZero();
			assertThat(sandbox.ledger().requestCount()).as("not one request refused and resent").isEqualTo(30);
			// acct-hot is paid by 8 single requests and 12 batches: at 3 per window, at
			// least 6 windows.
			assertThat(elapsed).isGreaterThanOrEqualTo(WINDOW.multipliedBy(6));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static List<CallOutcome> repeat(int times, java.util.function.IntFunction<List<CallOutcome>> request) {
		List<CallOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			outcomes.addAll(request.apply(i));
		}
		return outcomes;
	}

	private static PaymentCall call(String id, String account) {
		return new PaymentCall(id, "key-" + id, "ref-" + id, "payment", 100L, "USD", account, null);
	}

	private record Run(List<CallOutcome> outcomes, Duration elapsed) {
	}

	private static GatewayClient client(SandboxGateway sandbox, Mode mode, SlidingWindowRateLimiter limiter) {
		return new GatewayClient(new GatewayProperties(sandbox.baseUrl(), mode, "app", "tok", "sec", "3.0",
				Duration.ofSeconds(2), Duration.ofSeconds(5), new GatewayProperties.Throttle(LIMIT, WINDOW)), limiter);
	}

	/** THREADS threads each sending REQUESTS_PER_THREAD requests, one after the other. */
	private static CompletableFuture<Run> run(GatewayClient client, int callsPerRequest, ExecutorService pool,
			long start) {
		List<CompletableFuture<List<CallOutcome>>> threads = IntStream.range(0, THREADS)
			.mapToObj(thread -> CompletableFuture.supplyAsync(() -> {
				List<CallOutcome> outcomes = new ArrayList<>();
				for (int request = 0; request < REQUESTS_PER_THREAD; request++) {
					outcomes.addAll(client.send(calls(client.mode() + "-" + thread + "-" + request, callsPerRequest)));
				}
				return outcomes;
			}, pool))
			.toList();
		return CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new))
			.thenApply(done -> new Run(threads.stream().flatMap(thread -> thread.join().stream()).toList(),
					Duration.ofNanos(System.nanoTime() - start)));
	}

	private static List<PaymentCall> calls(String prefix, int n) {
		return IntStream.rangeClosed(1, n)
			.mapToObj(i -> new PaymentCall(prefix + "-" + i, "key-" + prefix + "-" + i, "ref-" + prefix + "-" + i,
					"payment", 100L * i, "USD", "acct-" + i, null))
			.toList();
	}

	/** The sandbox enforcing the client's own limits, as the embedded one does. */
	private static SandboxSettings.Throttle sameAs(GatewayProperties.Throttle throttle) {
		return new SandboxSettings.Throttle(throttle.appLimit(), throttle.endpointLimit(), throttle.accountLimit(),
				throttle.window());
	}

}
