package com.settlebatch.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists the gateway's charges of a time window a page at a time
 * ({@code GET /payments?created_from=&created_to=&limit=&after=}, see
 * {@code docs/gateway-protocol.md}). Each page takes a slot of the shared throttle like
 * any {@code GET /payments}; a page the gateway could not serve is thrown as a
 * {@link PageFailedException} saying whether asking again may help.
 */
public class ChargeListClient {

	private final GatewayProperties properties;

	private final SlidingWindowRateLimiter limiter;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.shared();

	/**
	 * With a rate limiter of its own; the application shares one between all its clients
	 * instead.
	 */
	public ChargeListClient(GatewayProperties properties) {
		this(properties, new SlidingWindowRateLimiter(properties.throttle()));
	}

	ChargeListClient(GatewayProperties properties, SlidingWindowRateLimiter limiter) {
		this.properties = properties;
		this.limiter = limiter;
		this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
	}

	/**
	 * @param after the cursor of the page before ({@link Page#next()}), or null for the
	 * first page
	 */
	public Page page(Instant from, Instant to, int limit, String after) {
		String query = "created_from=" + from.getEpochSecond() + "&created_to=" + to.getEpochSecond() + "&limit="
				+ limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + "/payments?" + query))
			.timeout(properties.readTimeout())
			.header("Accept", "application/json")
			.header("App-Id", properties.appId())
			.header("App-Token", properties.appToken())
			.header("Api-Version", properties.apiVersion())
			.GET()
			.build();
		HttpResponse<String> response = send(request);
		String correlationId = Answers.correlationId(response.headers());
		if (response.statusCode() == 401) {
			throw new GatewayAuthenticationException(properties.baseUrl(), correlationId);
		}
		JsonNode body = read(response.body());
		if (response.statusCode() != 200) {
			String code = body.path("error_code").asString("HTTP_" + response.statusCode());
			boolean retryable = ErrorClassifier.classify(response.statusCode(), code) == CallOutcome.Kind.RETRYABLE;
			throw new PageFailedException(
					"the gateway answered " + response.statusCode() + " " + code
							+ " to a page of its charges (correlation id " + correlationId + ")",
					retryable, Answers.retryAfter(response.headers()));
		}
		List<GatewayCharge> charges = new ArrayList<>();
		body.path("data").forEach(item -> charges.add(charge(item)));
		String next = body.path("has_more").asBoolean(false) ? body.path("next").asString(null) : null;
		return new Page(charges, next);
	}

	private HttpResponse<String> send(HttpRequest request) {
		// A page pays no account: it counts against the app and GET /payments only.
		try (SlidingWindowRateLimiter.Permit permit = limiter.acquire("GET /payments", Set.of())) {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (SlidingWindowRateLimiter.Interrupted | InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PageFailedException("interrupted while listing the gateway's charges", false, null);
		}
		catch (IOException e) {
			throw new PageFailedException("no answer from " + properties.baseUrl() + " to a page of its charges ("
					+ e.getClass().getSimpleName() + ")", true, null);
		}
	}

	private JsonNode read(String body) {
		try {
			return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
		}
		catch (JacksonException unreadable) {
			return json.createObjectNode();
		}
	}

	private static GatewayCharge charge(JsonNode item) {
		return new GatewayCharge(item.path("id").asString(null), item.path("unique_key").asString(null),
				item.path("status").asString(null), item.path("reference_id").asString(null),
				item.path("type").asString(null), item.path("amount").asLong(0), item.path("currency").asString(null),
				item.path("account_id").asString(null), Instant.ofEpochSecond(item.path("created_time").asLong(0)));
	}

	/**
	 * One page of charges.
	 *
	 * @param next the cursor of the next page, or null after the last one
	 */
	public record Page(List<GatewayCharge> charges, String next) {
	}

	/**
	 * A page the gateway did not serve.
	 *
	 * @param retryAfter what the gateway asked to wait before asking again, or null
	 */
	public static class PageFailedException extends RuntimeException {

		private final boolean retryable;

		private final Duration retryAfter;

		PageFailedException(String message, boolean retryable, Duration retryAfter) {
			super(message);
			this.retryable = retryable;
			this.retryAfter = retryAfter;
		}

		public boolean retryable() {
			return retryable;
		}

		public Duration retryAfter() {
			return retryAfter;
		}

	}

}
