package com.settlebatch.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.settlebatch.gateway.CallOutcome.Kind;

/**
 * Sends payments to the gateway (protocol: {@code docs/gateway-protocol.md}) and turns
 * every answer, per call, into a {@link CallOutcome}. It never throws for a payment's
 * fate; only a refused credential ({@link GatewayAuthenticationException}) stops it.
 */
public class GatewayClient {

	public static final int MAX_CALLS_PER_BATCH = 50;

	private static final Logger log = LoggerFactory.getLogger(GatewayClient.class);

	private final GatewayProperties properties;

	private final SlidingWindowRateLimiter limiter;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.shared();

	/**
	 * With a rate limiter of its own; the application shares one between all its clients
	 * instead.
	 */
	public GatewayClient(GatewayProperties properties) {
		this(properties, new SlidingWindowRateLimiter(properties.throttle()));
	}

	GatewayClient(GatewayProperties properties, SlidingWindowRateLimiter limiter) {
		this.properties = properties;
		this.limiter = limiter;
		this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
	}

	public GatewayProperties.Mode mode() {
		return properties.mode();
	}

	/** One outcome per call, in call order. */
	public List<CallOutcome> send(List<PaymentCall> calls) {
		List<CallOutcome> outcomes = new ArrayList<>(calls.size());
		if (properties.mode() == GatewayProperties.Mode.SINGLE) {
			calls.forEach(call -> outcomes.add(sendSingle(call)));
			return outcomes;
		}
		for (int from = 0; from < calls.size(); from += MAX_CALLS_PER_BATCH) {
			outcomes.addAll(sendBatch(calls.subList(from, Math.min(calls.size(), from + MAX_CALLS_PER_BATCH))));
		}
		return outcomes;
	}

	/**
	 * Reconciliation: asks what the gateway stored under the payment's key, without
	 * sending the payment again. 404 means the gateway holds no answer for the key: it
	 * never charged it. Any other failure of the lookup is retryable; a lookup never
	 * declares a payment declined.
	 */
	public CallOutcome lookup(PaymentCall call) {
		HttpRequest request = headers(HttpRequest.newBuilder(URI.create(properties.baseUrl() + "/payments?unique_key="
				+ URLEncoder.encode(call.uniqueKey(), StandardCharsets.UTF_8))))
			.GET()
			.build();
		// A lookup pays no account: it counts against the app and its own endpoint only.
		return exchange(request, List.of(call), Set.of(), (response, body) -> {
			String correlationId = Answers.correlationId(response.headers());
			if (response.statusCode() == 200) {
				return List.of(Answers.outcome(call.paymentId(), body.path("status").asInt(0), body.path("response"),
						correlationId, null));
			}
			if (response.statusCode() == 404) {
				return List.of(new CallOutcome(call.paymentId(), Kind.NOT_AT_GATEWAY, null, 404, "NOT_FOUND",
						"the gateway holds no payment under this unique key", correlationId, null));
			}
			CallOutcome failed = Answers.outcome(call.paymentId(), response.statusCode(), body, correlationId,
					Answers.retryAfter(response.headers()));
			return List.of(CallOutcome.retryable(call.paymentId(), failed.httpStatus(), failed.errorCode(),
					"lookup failed: " + failed.errorMessage(), correlationId, failed.retryAfter()));
		}).get(0);
	}

	private CallOutcome sendSingle(PaymentCall call) {
		HttpRequest request = request("/payments", parameters(call)).header("Unique-Key", call.uniqueKey()).build();
		return exchange(request, List.of(call), Set.of(call.accountId()), (response, body) -> {
			CallOutcome outcome = Answers.outcome(call.paymentId(), response.statusCode(), body,
					Answers.correlationId(response.headers()), Answers.retryAfter(response.headers()));
			if (outcome.kind() == Kind.DECLINED && !Answers.isProtocolError(body)) {
				throw new GatewayRequestRejectedException(properties.baseUrl() + "/payments", response.statusCode(),
						outcome.correlationId());
			}
			return List.of(outcome);
		}).get(0);
	}

	private List<CallOutcome> sendBatch(List<PaymentCall> calls) {
		ObjectNode body = json.createObjectNode();
		body.put("client_id", properties.appId());
		body.put("client_secret", properties.clientSecret());
		ArrayNode array = body.putArray("calls");
		for (PaymentCall call : calls) {
			ObjectNode entry = array.addObject();
			entry.put("call", "/payments");
			entry.put("reference_id", call.paymentId());
			entry.put("unique_key", call.uniqueKey());
			entry.set("parameters", parameters(call));
		}
		// Once per account it pays, however many of its payments it carries, as the
		// gateway counts it.
		Set<String> accounts = new LinkedHashSet<>();
		calls.forEach(call -> accounts.add(call.accountId()));
		return exchange(request("/batch/create", body).build(), calls, accounts, (response, answer) -> {
			if (response.statusCode() != 200) {
				if (ErrorClassifier.classify(response.statusCode(),
						answer.path("error_code").asString(null)) == Kind.DECLINED) {
					throw new GatewayRequestRejectedException(properties.baseUrl() + "/batch/create",
							response.statusCode(), Answers.correlationId(response.headers()));
				}
				return calls.stream()
					.map(call -> Answers.outcome(call.paymentId(), response.statusCode(), answer,
							Answers.correlationId(response.headers()), Answers.retryAfter(response.headers())))
					.toList();
			}
			Map<String, JsonNode> byReference = new HashMap<>();
			answer.path("calls").forEach(result -> byReference.put(result.path("reference_id").asString(""), result));
			return calls.stream().map(call -> {
				JsonNode result = byReference.get(call.paymentId());
				if (result == null) {
					// No answer is not a decline: the call may or may not have run, and
					// the key makes a resend safe.
					return CallOutcome.retryable(call.paymentId(), null, "NO_CALL_RESULT",
							"the /batch/create answer had no result for this call",
							Answers.correlationId(response.headers()), null);
				}
				return Answers.outcome(call.paymentId(), result.path("status").asInt(0), result.path("response"),
						result.path("correlation_id").asString(Answers.correlationId(response.headers())), null);
			}).toList();
		});
	}

	private interface AnswerReader {

		List<CallOutcome> read(HttpResponse<String> response, JsonNode body);

	}

	/**
	 * @param accounts the merchant accounts the request pays, for the account-based
	 * throttle
	 */
	private List<CallOutcome> exchange(HttpRequest request, List<PaymentCall> calls, Set<String> accounts,
			AnswerReader reader) {
		HttpResponse<String> response;
		// The permit is held until the answer is back: see SlidingWindowRateLimiter for
		// why. A failure of the shared windows' database is not caught: the run's data
		// lives there too, so the step fails like on any database failure and a restart
		// resumes; nothing was sent.
		try (SlidingWindowRateLimiter.Permit permit = limiter.acquire(request.method() + " " + request.uri().getPath(),
				accounts)) {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (SlidingWindowRateLimiter.Interrupted interrupted) {
			return allRetryable(calls, "INTERRUPTED", "interrupted while waiting for a rate-limit permit");
		}
		catch (HttpTimeoutException timeout) {
			return allRetryable(calls, "READ_TIMEOUT", "no answer within " + properties.readTimeout());
		}
		catch (ConnectException refused) {
			return allRetryable(calls, "CONNECTION_ERROR", "connection refused by " + properties.baseUrl());
		}
		catch (IOException broken) {
			return allRetryable(calls, "CONNECTION_ERROR", "connection failed: " + broken.getClass().getSimpleName());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return allRetryable(calls, "INTERRUPTED", "interrupted while waiting for the gateway");
		}
		if (response.statusCode() == 401) {
			throw new GatewayAuthenticationException(properties.baseUrl(), Answers.correlationId(response.headers()));
		}
		JsonNode body;
		try {
			body = response.body() == null || response.body().isBlank() ? json.createObjectNode()
					: json.readTree(response.body());
		}
		catch (JacksonException unreadable) {
			log.warn("unreadable gateway answer (HTTP {}, correlation id {})", response.statusCode(),
					Answers.correlationId(response.headers()));
			body = json.createObjectNode();
		}
		return reader.read(response, body);
	}

	private static List<CallOutcome> allRetryable(List<PaymentCall> calls, String code, String message) {
		return calls.stream()
			.map(call -> CallOutcome.retryable(call.paymentId(), null, code, message, null, null))
			.toList();
	}

	private HttpRequest.Builder request(String path, JsonNode body) {
		return headers(HttpRequest.newBuilder(URI.create(properties.baseUrl() + path)))
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
	}

	private HttpRequest.Builder headers(HttpRequest.Builder builder) {
		return builder.timeout(properties.readTimeout())
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("App-Id", properties.appId())
			.header("App-Token", properties.appToken())
			.header("Api-Version", properties.apiVersion());
	}

	private ObjectNode parameters(PaymentCall call) {
		ObjectNode parameters = json.createObjectNode();
		parameters.put("reference_id", call.referenceId());
		parameters.put("type", call.type());
		parameters.put("amount", call.amountMinor());
		parameters.put("currency", call.currency());
		parameters.put("account_id", call.accountId());
		if (call.customData() != null) {
			parameters.set("custom_data", json.readTree(call.customData()));
		}
		if (call.parentGatewayId() != null) {
			parameters.put("parent_payment_id", call.parentGatewayId());
		}
		return parameters;
	}

}
