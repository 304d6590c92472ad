package com.settlebatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * An in-process HTTP payment gateway speaking the protocol of
 * {@code docs/gateway-protocol.md}, like a provider's stage environment, with a ledger
 * and fault injection for tests.
 */
public final class SandboxGateway implements AutoCloseable {

	static {
		// The JDK server leaves Nagle's algorithm on, so every answer waited ~40 ms for a
		// delayed
		// ACK. Read once when its configuration loads; only this sandbox uses the JDK
		// server.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);

	private static final String HOST = "127.0.0.1";

	private static final int THREADS = 16;

	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final Map<String, List<String>> METHODS = Map.of("/payments", List.of("GET", "POST"),
			"/batch/create", List.of("POST"), "/sandbox/ledger", List.of("GET"));

	private final SandboxSettings settings;

	private final SandboxLedger ledger = new SandboxLedger();

	private final IdempotencyStore store = new IdempotencyStore(Clock.systemUTC());

	private final SandboxFaults faults;

	private final SlidingWindowThrottle throttle;

	private final PaymentCallHandler payments;

	private final BatchCreateHandler batch;

	private final PaymentLookupHandler lookup = new PaymentLookupHandler(store);

	private final PaymentListHandler list = new PaymentListHandler(ledger);

	private final ExecutorService executor;

	private final HttpServer server;

	private SandboxGateway(SandboxSettings settings) {
		this.settings = settings;
		this.faults = new SandboxFaults(settings.seed(), Clock.systemUTC());
		this.throttle = new SlidingWindowThrottle(settings.throttle());
		this.payments = new PaymentCallHandler(settings, store, ledger, faults, Clock.systemUTC());
		this.batch = new BatchCreateHandler(settings, ledger, payments);
		try {
			this.server = HttpServer.create(new InetSocketAddress(HOST, settings.port()), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot bind the sandbox gateway to " + HOST + ":" + settings.port(), e);
		}
		AtomicInteger threadNumber = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(THREADS, task -> {
			Thread thread = new Thread(task, "sandbox-gateway-" + threadNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
		log.debug("sandbox gateway listening on {} with {}", baseUrl(), settings);
	}

	public static SandboxGateway start(SandboxSettings settings) {
		return new SandboxGateway(Objects.requireNonNull(settings, "settings"));
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public String baseUrl() {
		return "http://" + HOST + ":" + port();
	}

	/**
	 * The settings it runs with; the embedded gateway's client takes its credentials from
	 * here.
	 */
	public SandboxSettings settings() {
		return settings;
	}

	public SandboxLedger ledger() {
		return ledger;
	}

	public SandboxFaults faults() {
		return faults;
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
		try {
			executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange) {
		ledger.countRequest();
		String correlationId = UUID.randomUUID().toString();
		try (exchange; IdempotencyStore.Claim claim = store.newClaim()) {
			Reply reply;
			try {
				reply = route(exchange, claim);
			}
			catch (IOException | RuntimeException e) {
				log.debug("request {} failed inside the sandbox", correlationId, e);
				reply = Reply.error(500, SandboxJson.INTERNAL_ERROR, "unexpected sandbox failure");
			}
			pause(reply);
			claim.close();
			log.debug("{} {} -> {}{} [{}]", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					reply.status(), reply.abort() ? " (response dropped)" : "", correlationId);
			if (!reply.abort()) {
				reply.sendTo(exchange, correlationId);
			}
			// An aborted exchange is closed before any status is sent, which closes the
			// connection.
		}
		catch (IOException e) {
			log.debug("could not answer request {}: {}", correlationId, e.toString());
		}
	}

	private Reply route(HttpExchange exchange, IdempotencyStore.Claim claim) throws IOException {
		String path = exchange.getRequestURI().getPath();
		List<String> allowed = METHODS.get(path);
		if (allowed == null) {
			return Reply.error(404, SandboxJson.NOT_FOUND, "no such endpoint: " + path);
		}
		String method = exchange.getRequestMethod();
		if (!allowed.contains(method)) {
			String allow = String.join(", ", allowed);
			return Reply.error(405, SandboxJson.METHOD_NOT_ALLOWED, path + " only accepts " + allow)
				.withHeader("Allow", allow);
		}
		if (path.equals("/sandbox/ledger")) {
			return Reply.json(200, ledger.summary());
		}
		String appId = exchange.getRequestHeaders().getFirst("App-Id");
		String appToken = exchange.getRequestHeaders().getFirst("App-Token");
		if (!settings.appCredentialsMatch(appId, appToken)) {
			return Reply.error(401, SandboxJson.NOT_AUTHORIZED, "missing or invalid App-Id / App-Token");
		}
		// Lookups are an endpoint of their own, so reconciling does not eat the budget
		// for payments.
		String endpoint = method + " " + path;
		// The body is read before the throttle only to learn which accounts a payment
		// request pays.
		JsonNode body = method.equals("POST") ? SandboxJson.parse(readBody(exchange.getRequestBody())) : null;
		Set<String> accounts = path.equals("/batch/create") ? BatchCreateHandler.accountsOf(body)
				: method.equals("POST") ? accountOf(body) : Set.of();
		Optional<SlidingWindowThrottle.Refusal> refusal = throttle.tryAcquire(endpoint, accounts);
		if (refusal.isPresent()) {
			return throttled(refusal.get(), endpoint);
		}
		if (method.equals("GET")) {
			// List and lookup are one endpoint to the throttle, as at the gateway.
			String query = exchange.getRequestURI().getRawQuery();
			return PaymentListHandler.isList(query) ? list.handle(query) : lookup.handle(query);
		}
		if (path.equals("/batch/create")) {
			return batch.handle(body, claim);
		}
		ledger.countCalls(1);
		PaymentCallHandler.Outcome outcome = payments.handle(exchange.getRequestHeaders().getFirst("Unique-Key"),
				exchange.getRequestHeaders().getFirst(MagicBehavior.HEADER), body, claim);
		Reply reply = Reply.json(outcome.status(), outcome.body())
			.abortedIf(outcome.dropResponse())
			.delayedBy(outcome.delay());
		return outcome.replay() ? reply.withHeader("Idempotent-Replay", "true") : reply;
	}

	private Reply throttled(SlidingWindowThrottle.Refusal refusal, String endpoint) {
		ledger.countThrottled(refusal.kind().reason);
		SandboxSettings.Throttle limits = settings.throttle();
		String what = switch (refusal.kind()) {
			case APPLICATION -> "requests of this app";
			case ENDPOINT -> "requests to " + endpoint;
			// Not the account id: the description ends up in the client's records and
			// logs.
			case ACCOUNT -> "payment requests for one merchant account";
		};
		return Reply
			.json(429,
					SandboxJson.error(SandboxJson.THROTTLE_EXCEEDED.toLowerCase(Locale.ROOT),
							"more than " + refusal.limit() + " " + what + " within " + limits.window().toMillis()
									+ " ms",
							refusal.errorCode()))
			.withHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
	}

	/**
	 * The one account a {@code POST /payments} pays; none when the body does not name one
	 * (it is refused later).
	 */
	private static Set<String> accountOf(JsonNode body) {
		String account = body != null && body.isObject() ? SandboxJson.text(body, "account_id") : null;
		return account == null || account.isBlank() ? Set.of() : Set.of(account);
	}

	/**
	 * The body, or {@code null} when it exceeds the limit (then answered like malformed
	 * JSON).
	 */
	private static byte[] readBody(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
		return body.length > MAX_BODY_BYTES ? null : body;
	}

	// Sleeping while the request's keys are still claimed is what lets tests provoke a
	// concurrent duplicate.
	private void pause(Reply reply) {
		Duration total = settings.latency().plus(faults.nextLatency()).plus(reply.delay());
		if (total.isZero()) {
			return;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(total.toNanos());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
