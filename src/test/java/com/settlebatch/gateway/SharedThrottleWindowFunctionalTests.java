package com.settlebatch.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.TestDatabase;
import com.settlebatch.gateway.CallOutcome.Kind;
import com.settlebatch.gateway.GatewayProperties.Mode;
import com.settlebatch.sandbox.SandboxGateway;
import com.settlebatch.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's windows shared in the database (V12): two limiters on one database, as two
 * processes on two machines would have, keep together to one budget. On H2 and on
 * PostgreSQL (the second Surefire execution; skipped where no server answers, except
 * under CI=true).
 */
class SharedThrottleWindowFunctionalTests extends FunctionalTestSupport {

	private static final Logger log = LoggerFactory.getLogger(SharedThrottleWindowFunctionalTests.class);

	private static final Duration WINDOW = Duration.ofSeconds(1);

	/**
	 * The app's 6, each endpoint's 4 and each account's 3 per second: each of the three
	 * can be the one that binds.
	 */
	private static final GatewayProperties.Throttle ALL_THREE = new GatewayProperties.Throttle(30, 6, 4, 3, WINDOW,
			GatewayProperties.Windows.DATABASE);

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private SlidingWindowRateLimiter applicationLimiter;

	/**
	 * One node's limiter: its own object on the shared database, as another process would
	 * have.
	 */
	private SlidingWindowRateLimiter node(String appId, GatewayProperties.Throttle limits, Duration inFlightDeadline) {
		return new SlidingWindowRateLimiter(
				limits, new DatabaseWindows(dataSource, transactionManager, appId,
						SlidingWindowRateLimiter.span(limits), inFlightDeadline),
				SlidingWindowRateLimiter.TimeSource.SYSTEM);
	}

	private static String newAppId() {
		return "app-" + UUID.randomUUID();
	}

	/**
	 * A request as seen from its thread: it was sent no earlier than granted and answered
	 * no later than finished.
	 */
	private record Sent(List<String> scopes, long grantedNanos, long finishedNanos) {
	}

	@Test
	void givenTwoNodesOnOneDatabaseWhenSixThreadsTakePermitsForAllThreeThrottlesThenNoWindowEverHoldsMoreThanItsLimit()
			throws Exception {
		String appId = newAppId();
		List<SlidingWindowRateLimiter> nodes = List.of(node(appId, ALL_THREE, Duration.ofSeconds(30)),
				node(appId, ALL_THREE, Duration.ofSeconds(30)));
		List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(6);
		long start = System.nanoTime();
		try {
			List<CompletableFuture<Void>> running = new ArrayList<>();
			for (int thread = 0; thread < 6; thread++) {
				SlidingWindowRateLimiter limiter = nodes.get(thread % 2);
				int t = thread;
				running.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < 5; i++) {
						sent.add(request(limiter, (t + i) % 3, "acct-cold-" + t));
					}
				}, threads));
			}
			CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		log.info("30 permits from two nodes under app 6, endpoint 4, account 3 per {}: {} ms", WINDOW,
				elapsed.toMillis());

		assertThat(sent).hasSize(30);
		Map<String, Integer> limits = Map.of("app", 6, "endpoint", 4, "account", 3);
		Set<String> scopes = sent.stream().flatMap(s -> s.scopes().stream()).collect(Collectors.toSet());
		for (String scope : scopes) {
			assertThat(mostInAnyWindow(sent, scope))
				.as("requests that can have reached the gateway within one window, %s", scope)
				.isLessThanOrEqualTo(
						limits.get(scope.substring(0, scope.indexOf(' ') < 0 ? scope.length() : scope.indexOf(' '))));
		}
		// 30 requests at 6 per window leave 24 to wait for 4 windows; each node alone
		// would have waited 2.
		assertThat(elapsed).isGreaterThanOrEqualTo(WINDOW.multipliedBy(4));
	}

	/**
	 * Kind 0: a payment of the hot account; 1: a batch paying it and the thread's own; 2:
	 * a lookup.
	 */
	private static Sent request(SlidingWindowRateLimiter limiter, int kind, String coldAccount) {
		String endpoint = kind == 0 ? "POST /payments" : kind == 1 ? "POST /batch/create" : "GET /payments";
		List<String> accounts = kind == 0 ? List.of("acct-hot")
				: kind == 1 ? List.of("acct-hot", coldAccount, "acct-hot") : List.of();
		List<String> scopes = new ArrayList<>(List.of("app", "endpoint " + endpoint));
		new LinkedHashSet<>(accounts).forEach(account -> scopes.add("account " + account));
		try (SlidingWindowRateLimiter.Permit permit = limiter.acquire(endpoint, accounts)) {
			long granted = System.nanoTime();
			TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(30));
			return new Sent(scopes, granted, System.nanoTime());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The most requests of the scope that can have arrived at the gateway within one
	 * window: a request arrived somewhere between its grant and its finish, so a window
	 * ending at t can hold every request granted by t and finished after t - window. The
	 * most is at some request's grant.
	 */
	private static int mostInAnyWindow(List<Sent> sent, String scope) {
		List<Sent> ofScope = sent.stream().filter(s -> s.scopes().contains(scope)).toList();
		long window = WINDOW.toNanos();
		int most = 0;
		for (Sent last : ofScope) {
			long t = last.grantedNanos();
			most = Math.max(most,
					(int) ofScope.stream()
						.filter(s -> s.grantedNanos() <= t && s.finishedNanos() > t - window)
						.count());
		}
		return most;
	}

	@Test
	void givenTwoClientsOnOneDatabaseWhenTheySendPaymentsBatchesAndLookupsThenASandboxEnforcingAllThreeRefusesNone()
			throws Exception {
		String appId = newAppId();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try (SandboxGateway gateway = SandboxGateway
			.start(new SandboxSettings(0, appId, "tok", "sec", Set.of(), sameAs(ALL_THREE), Duration.ZERO, 42))) {
			List<Map<Mode, GatewayClient>> nodes = new ArrayList<>();
			for (int node = 0; node < 2; node++) {
				SlidingWindowRateLimiter limiter = node(appId, ALL_THREE, Duration.ofSeconds(30));
				nodes.add(Map.of(Mode.SINGLE, client(gateway, appId, Mode.SINGLE, limiter), Mode.BATCH,
						client(gateway, appId, Mode.BATCH, limiter)));
			}
			long start = System.nanoTime();
			List<CompletableFuture<List<CallOutcome>>> threads = new ArrayList<>();
			for (int n = 0; n < 2; n++) {
				Map<Mode, GatewayClient> node = nodes.get(n);
				String name = "node" + n;
				threads.add(CompletableFuture.supplyAsync(
						() -> repeat(5,
								i -> node.get(Mode.SINGLE)
									.send(List
										.of(call(name + "-single-" + i, i % 2 == 0 ? "acct-hot" : "acct-" + name)))),
						pool));
				threads.add(CompletableFuture.supplyAsync(() -> repeat(5,
						i -> node.get(Mode.BATCH)
							.send(List.of(call(name + "-batch-" + i + "-a", "acct-hot"),
									call(name + "-batch-" + i + "-b", "acct-" + name),
									call(name + "-batch-" + i + "-c", "acct-hot")))),
						pool));
				threads
					.add(CompletableFuture.supplyAsync(
							() -> repeat(5,
									i -> List
										.of(node.get(Mode.SINGLE).lookup(call(name + "-lookup-" + i, "acct-hot")))),
							pool));
			}
			List<CallOutcome> outcomes = threads.stream().flatMap(thread -> thread.join().stream()).toList();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			log.info("30 requests from two nodes under app 6, endpoint 4, account 3 per {}: {} ms, {} charges", WINDOW,
					elapsed.toMillis(), gateway.ledger().chargeCount());

			assertThat(outcomes).noneMatch(o -> o.errorCode() != null && o.errorCode().startsWith("THROTTLE"))
				.noneMatch(o -> Integer.valueOf(429).equals(o.httpStatus()));
			assertThat(outcomes).filteredOn(o -> o.paymentId().contains("lookup"))
				.hasSize(10)
				.allMatch(o -> o.kind() == Kind.NOT_AT_GATEWAY);
			assertThat(outcomes).filteredOn(o -> !o.paymentId().contains("lookup"))
				.hasSize(10 + 30)
				.allMatch(o -> o.kind() == Kind.SETTLED);
			assertThat(gateway.ledger().throttledCount()).isZero();
			assertThat(gateway.ledger().requestCount()).as("not one request refused and resent").isEqualTo(30);
			assertThat(gateway.ledger().chargeCount()).isEqualTo(40);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void givenANodeThatDiedWithARequestInFlightWhenAnotherNodeWaitsForTheSlotThenItFreesAWindowAfterTheDeadline() {
		String appId = newAppId();
		GatewayProperties.Throttle one = new GatewayProperties.Throttle(1, 0, 1, 0, WINDOW,
				GatewayProperties.Windows.DATABASE);
		Duration deadline = Duration.ofMillis(500);
		SlidingWindowRateLimiter dead = node(appId, one, deadline);
		SlidingWindowRateLimiter alive = node(appId, one, deadline);
		long start = System.nanoTime();
		// Never closed: the node was killed before the answer came back.
		dead.acquire("POST /batch/create", List.of("acct-1"));

		alive.acquire("POST /batch/create", List.of("acct-2")).close();

		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(waited).isGreaterThanOrEqualTo(deadline.plus(WINDOW))
			.isLessThan(deadline.plus(WINDOW).plusSeconds(2));
	}

	@Test
	void givenEveryThrottleOffWhenAThousandPermitsAreTakenThenTheDatabaseIsNeverAsked() {
		String appId = newAppId();
		SlidingWindowRateLimiter off = node(appId, new GatewayProperties.Throttle(0, WINDOW), Duration.ofSeconds(30));

		for (int i = 0; i < 1_000; i++) {
			off.acquire("POST /batch/create", List.of("acct-1", "acct-2")).close();
		}

		// The first thing a take does is make sure the app's lock row is there.
		assertThat(jdbc.sql("SELECT COUNT(*) FROM gateway_throttle_lock WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.single()).isZero();
		assertThat(slots(appId)).isZero();
	}

	@Test
	void givenANodeWhoseLockRowWasDeletedWhenItTakesAPermitThenTheRowIsMadeAgainAndThePermitCounted() {
		// given a node that has made its app's lock row, which then goes away (a restored
		// or cleaned database)
		String appId = newAppId();
		SlidingWindowRateLimiter limiter = node(appId, new GatewayProperties.Throttle(30, WINDOW),
				Duration.ofSeconds(30));
		limiter.acquire("POST /batch/create", List.of("acct-1")).close();
		jdbc.sql("DELETE FROM gateway_throttle_lock WHERE app_id = ?").param(appId).update();

		// when
		limiter.acquire("POST /batch/create", List.of("acct-1")).close();

		// then
		assertThat(jdbc.sql("SELECT COUNT(*) FROM gateway_throttle_lock WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.single()).isOne();
		assertThat(slots(appId)).as("two permits of three windows each").isEqualTo(2 * 3);
	}

	@Test
	void givenManyRequestsWhenTheirSlotsHaveLeftTheWindowThenTheNextTakeLeavesOnlyItsOwnSlotsInTheTable()
			throws Exception {
		String appId = newAppId();
		Duration window = Duration.ofSeconds(2);
		SlidingWindowRateLimiter limiter = node(appId, new GatewayProperties.Throttle(100, window),
				Duration.ofSeconds(30));
		long start = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			limiter.acquire("POST /batch/create", List.of("acct-" + i, "acct-x")).close();
		}
		log.info("a permit of four windows taken and stamped in {} µs on average",
				TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start) / 20);
		assertThat(slots(appId)).isEqualTo(20 * 4);

		TimeUnit.MILLISECONDS.sleep(window.plus(SlidingWindowRateLimiter.MARGIN).toMillis() + 50);
		SlidingWindowRateLimiter.Permit inFlight = limiter.acquire("GET /payments", List.of());

		assertThat(slots(appId)).as("the app's and GET /payments' slots, in flight").isEqualTo(2);
		inFlight.close();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM gateway_throttle_slot WHERE app_id = ? AND in_flight")
			.param(appId)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void givenTheApplicationWhenItTakesItsGatewayPermitsThenTheyAreSharedInTheDatabaseOnPostgresqlAndKeptInMemoryOnH2() {
		String where = applicationLimiter.describe();

		if (TestDatabase.postgres()) {
			assertThat(where).contains("shared by every node in the database (PostgreSQL");
		}
		else {
			assertThat(where).contains("in this process only");
		}
	}

	private long slots(String appId) {
		return jdbc.sql("SELECT COUNT(*) FROM gateway_throttle_slot WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.single();
	}

	private static GatewayClient client(SandboxGateway gateway, String appId, Mode mode,
			SlidingWindowRateLimiter limiter) {
		return new GatewayClient(new GatewayProperties(gateway.baseUrl(), mode, appId, "tok", "sec", "3.0",
				Duration.ofSeconds(2), Duration.ofSeconds(5), ALL_THREE), limiter);
	}

	private static List<CallOutcome> repeat(int times, Function<Integer, List<CallOutcome>> request) {
		List<CallOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			outcomes.addAll(request.apply(i));
		}
		return outcomes;
	}

	private static PaymentCall call(String id, String account) {
		return new PaymentCall(id, "key-" + id, "ref-" + id, "payment", 100L, "USD", account, null);
	}

	/** The sandbox enforcing the client's own limits, as the embedded one does. */
	private static SandboxSettings.Throttle sameAs(GatewayProperties.Throttle throttle) {
		return new SandboxSettings.Throttle(throttle.appLimit(), throttle.endpointLimit(), throttle.accountLimit(),
				throttle.window());
	}

}
