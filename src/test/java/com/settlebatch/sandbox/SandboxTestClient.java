package com.settlebatch.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/** A thin protocol client for the sandbox tests, built on the JDK HTTP client. */
final class SandboxTestClient {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final SandboxGateway gateway;

	private final SandboxSettings settings;

	SandboxTestClient(SandboxGateway gateway, SandboxSettings settings) {
		this.gateway = gateway;
		this.settings = settings;
	}

	HttpResponse<String> payment(String uniqueKey, String body) throws IOException, InterruptedException {
		return send(request("/payments", body, settings.appToken(), uniqueKey));
	}

	HttpResponse<String> payment(String uniqueKey, String body, String magicBehavior)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(request("/payments", body, settings.appToken(), uniqueKey), (n, v) -> true)
			.header("WePay-Magic-Behavior", magicBehavior)
			.build());
	}

	/** {@code GET /payments?unique_key=...} with the usual authentication headers. */
	HttpResponse<String> lookup(String uniqueKey) throws IOException, InterruptedException {
		String query = uniqueKey == null ? "" : "?unique_key=" + URLEncoder.encode(uniqueKey, StandardCharsets.UTF_8);
		return send(authorized("/payments" + query, settings.appToken()).GET().build());
	}

	/** {@code GET /payments?<query>}: the list of charges, with the usual headers. */
	HttpResponse<String> list(String query) throws IOException, InterruptedException {
		return send(authorized("/payments?" + query, settings.appToken()).GET().build());
	}

	HttpResponse<String> batch(String body) throws IOException, InterruptedException {
		return send(request("/batch/create", body, settings.appToken(), null));
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpRequest request(String path, String body, String token, String uniqueKey) {
		HttpRequest.Builder builder = authorized(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
		if (uniqueKey != null) {
			builder.header("Unique-Key", uniqueKey);
		}
		return builder.build();
	}

	private HttpRequest.Builder authorized(String path, String token) {
		return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
			.timeout(Duration.ofSeconds(5))
			.header("App-Id", settings.appId())
			.header("App-Token", token)
			.header("Api-Version", "3.0")
			.header("Content-Type", "application/json");
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).GET().build());
	}

	static JsonNode json(HttpResponse<String> response) {
		return SandboxJson.MAPPER.readTree(response.body());
	}

	static String payment(String referenceId, long amount, String accountId) {
		return """
				{"reference_id": "%s", "type": "payment", "amount": %d, "currency": "USD", "account_id": "%s"}"""
			.formatted(referenceId, amount, accountId);
	}

	static String batchCall(String referenceId, String uniqueKey, String parameters) {
		return """
				{"call": "/payments", "reference_id": "%s", "unique_key": "%s", "parameters": %s}"""
			.formatted(referenceId, uniqueKey, parameters);
	}

	static String batchBody(String clientId, String secret, String calls) {
		return """
				{"client_id": "%s", "client_secret": "%s", "calls": [%s]}""".formatted(clientId, secret, calls);
	}

}
