package com.settlebatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process HTTP payment gateway speaking the protocol of {@code docs/gateway-protocol.md},
 * like a provider's stage environment, with a ledger and fault injection for tests.
 */
public final class SandboxGateway implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);
	private static final String HOST = "127.0.0.1";
	private static final int THREADS = 16;
	private static final int MAX_BODY_BYTES = 1024 * 1024;
	private static final Map<String, String> METHODS = Map.of(
			"/payments", "POST", "/batch/create", "POST", "/sandbox/ledger", "GET");

	private final SandboxSettings settings;
	private final SandboxLedger ledger = new SandboxLedger();
	private final SandboxFaults faults = new SandboxFaults();
	private final IdempotencyStore store = new IdempotencyStore(Clock.systemUTC());
	private final SlidingWindowThrottle throttle;
	private final PaymentCallHandler payments;
	private final BatchCreateHandler batch;
	private final ExecutorService executor;
	private final HttpServer server;

	private SandboxGateway(SandboxSettings settings) {
		this.settings = settings;
		this.throttle = new SlidingWindowThrottle(settings.throttleLimit(), settings.throttleWindow());
		this.payments = new PaymentCallHandler(settings, store, ledger, faults, Clock.systemUTC());
		this.batch = new BatchCreateHandler(settings, ledger, payments);
		try {
			this.server = HttpServer.create(new InetSocketAddress(HOST, settings.port()), 0);
		} catch (IOException e) {
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

	/** The settings it runs with; the embedded gateway's client takes its credentials from here. */
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
		} catch (InterruptedException e) {
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
			} catch (IOException | RuntimeException e) {
				log.debug("request {} failed inside the sandbox", correlationId, e);
				reply = Reply.error(500, SandboxJson.INTERNAL_ERROR, "unexpected sandbox failure");
			}
			pause();
			claim.close();
			log.debug("{} {} -> {}{} [{}]", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					reply.status(), reply.abort() ? " (response dropped)" : "", correlationId);
			if (!reply.abort()) {
				send(exchange, reply, correlationId);
			}
			// An aborted exchange is closed before any status is sent, which closes the connection.
		} catch (IOException e) {
			log.debug("could not answer request {}: {}", correlationId, e.toString());
		}
	}

	private Reply route(HttpExchange exchange, IdempotencyStore.Claim claim) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String allowed = METHODS.get(path);
		if (allowed == null) {
			return Reply.error(404, SandboxJson.NOT_FOUND, "no such endpoint: " + path);
		}
		if (!allowed.equals(exchange.getRequestMethod())) {
			return Reply.error(405, SandboxJson.METHOD_NOT_ALLOWED, path + " only accepts " + allowed)
					.withHeader("Allow", allowed);
		}
		if (path.equals("/sandbox/ledger")) {
			return ledgerSummary();
		}
		String appId = exchange.getRequestHeaders().getFirst("App-Id");
		String appToken = exchange.getRequestHeaders().getFirst("App-Token");
		if (!settings.appCredentialsMatch(appId, appToken)) {
			return Reply.error(401, SandboxJson.NOT_AUTHORIZED, "missing or invalid App-Id / App-Token");
		}
		long retryAfter = throttle.tryAcquire(path);
		if (retryAfter > 0) {
			return Reply.error(429, SandboxJson.THROTTLE_EXCEEDED,
					"more than " + settings.throttleLimit() + " requests to " + path + " within "
							+ settings.throttleWindow().toMillis() + " ms")
					.withHeader("Retry-After", Long.toString(retryAfter));
		}
		JsonNode body = SandboxJson.parse(readBody(exchange.getRequestBody()));
		if (path.equals("/batch/create")) {
			return batch.handle(body, claim);
		}
		ledger.countCalls(1);
		PaymentCallHandler.Outcome outcome =
				payments.handle(exchange.getRequestHeaders().getFirst("Unique-Key"), body, claim);
		Reply reply = Reply.json(outcome.status(), outcome.body()).abortedIf(outcome.dropResponse());
		return outcome.replay() ? reply.withHeader("Idempotent-Replay", "true") : reply;
	}

	private Reply ledgerSummary() {
		ObjectNode summary = SandboxJson.object();
		summary.put("charges", ledger.chargeCount());
		summary.put("requests", ledger.requestCount());
		summary.put("calls", ledger.callCount());
		return Reply.json(200, summary);
	}

	/** The body, or {@code null} when it exceeds the limit (then answered like malformed JSON). */
	private static byte[] readBody(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
		return body.length > MAX_BODY_BYTES ? null : body;
	}

	// Sleeping while the request's keys are still claimed is what lets tests provoke a concurrent duplicate.
	private void pause() {
		if (settings.latency().isZero()) {
			return;
		}
		try {
			Thread.sleep(settings.latency().toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, Reply reply, String correlationId) throws IOException {
		byte[] bytes = SandboxJson.write(reply.body());
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("X-Correlation-Id", correlationId);
		reply.headers().forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(reply.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}

