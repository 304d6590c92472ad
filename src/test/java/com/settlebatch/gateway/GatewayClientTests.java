package com.settlebatch.gateway;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.settlebatch.gateway.CallOutcome.Kind;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte-exact gateway behaviour the sandbox cannot produce, against WireMock. */
class GatewayClientTests {

	private static final String TOKEN = "tok_wire_SECRET";

	private final WireMockServer wireMock = new WireMockServer(options().dynamicPort());

	private GatewayClient client;

	@BeforeEach
	void start() {
		wireMock.start();
		client = client(Duration.ofSeconds(5));
	}

	// A short read time-out only where a time-out is the point: a cold JVM's first
	// exchange can take longer.
	private GatewayClient client(Duration readTimeout) {
		return new GatewayClient(new GatewayProperties(wireMock.baseUrl(), GatewayProperties.Mode.BATCH, "app-1", TOKEN,
				"secret-1", "3.0", Duration.ofSeconds(2), readTimeout,
				new GatewayProperties.Throttle(30, Duration.ofSeconds(10))));
	}

	@AfterEach
	void stop() {
		wireMock.stop();
	}

	private static List<PaymentCall> calls(int n) {
		return java.util.stream.IntStream.rangeClosed(1, n)
			.mapToObj(i -> new PaymentCall("p-" + i, "k-" + i, "r-" + i, "payment", 100L * i, "USD", "acct-" + i, null))
			.toList();
	}

	@Test
	void sendsHeadersAndSplitsIntoBatchCallsOfAtMostFifty() {
		wireMock.stubFor(post("/batch/create").willReturn(aResponse().withStatus(200).withBody("{\"calls\":[]}")));

		List<CallOutcome> outcomes = client.send(calls(120));

		assertThat(outcomes).hasSize(120).allMatch(o -> o.kind() == Kind.RETRYABLE);
		wireMock.verify(3,
				postRequestedFor(urlEqualTo("/batch/create")).withHeader("App-Id", equalTo("app-1"))
					.withHeader("App-Token", equalTo(TOKEN))
					.withHeader("Api-Version", equalTo("3.0")));
		wireMock.verify(postRequestedFor(urlEqualTo("/batch/create")).withRequestBody(equalToJson(
				"{\"calls\":[{\"reference_id\":\"p-1\",\"unique_key\":\"k-1\",\"parameters\":{\"amount\":100}}]}", true,
				true)));
	}

	@Test
	void aDependentPaymentNamesItsParentsGatewayId() {
		wireMock.stubFor(post("/batch/create").willReturn(aResponse().withStatus(200).withBody("{\"calls\":[]}")));

		client
			.send(List.of(new PaymentCall("p-9", "k-9", "refund-1", "refund", 500, "USD", "acct-9", null, "g-parent")));

		wireMock.verify(postRequestedFor(urlEqualTo("/batch/create")).withRequestBody(
				equalToJson("{\"calls\":[{\"parameters\":{\"type\":\"refund\",\"parent_payment_id\":\"g-parent\"}}]}",
						true, true)));
	}

	@Test
	void perCallResultsAreClassifiedOneByOne() {
		wireMock.stubFor(post("/batch/create").willReturn(aResponse().withStatus(200)
			.withHeader("X-Correlation-Id", "c-req")
			.withBody(
					"""
							{"calls":[
							 {"reference_id":"p-1","status":201,"correlation_id":"c-1","response":{"id":"g-1","status":"completed"}},
							 {"reference_id":"p-2","status":403,"correlation_id":"c-2","response":{"error":"access_denied","error_description":"this account can no longer transact","error_code":3004}},
							 {"reference_id":"p-3","status":409,"response":{"error_code":"CONCURRENT_UNIQUE_KEY_REQUEST_IS_PROCESSING"}},
							 {"reference_id":"p-4","status":429,"response":{"error_code":"THROTTLE_EXCEEDED"}},
							 {"reference_id":"p-5","status":502,"response":{}}]}""")));

		List<CallOutcome> outcomes = client.send(calls(5));

		assertThat(outcomes).extracting(CallOutcome::kind)
			.containsExactly(Kind.SETTLED, Kind.DECLINED, Kind.RETRYABLE, Kind.RETRYABLE, Kind.RETRYABLE);
		assertThat(outcomes.get(0).gatewayId()).isEqualTo("g-1");
		assertThat(outcomes.get(1).errorCode()).isEqualTo("3004");
		assertThat(outcomes.get(1).correlationId()).isEqualTo("c-2");
		assertThat(outcomes.get(4).correlationId()).isEqualTo("c-req");
	}

	@Test
	void aWholeRequest503WithRetryAfterMakesEveryCallRetryable() {
		wireMock.stubFor(post("/batch/create").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")));

		assertThat(client.send(calls(3))).allSatisfy(o -> {
			assertThat(o.kind()).isEqualTo(Kind.RETRYABLE);
			assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void connectionResetAndReadTimeoutAreRetryable() {
		wireMock.stubFor(post("/batch/create").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThat(client.send(calls(2)))
			.allMatch(o -> o.kind() == Kind.RETRYABLE && o.errorCode().equals("CONNECTION_ERROR"));

		wireMock.resetAll();
		wireMock.stubFor(post("/batch/create").willReturn(aResponse().withStatus(200).withFixedDelay(1_000)));
		assertThat(client(Duration.ofMillis(300)).send(calls(2)))
			.allMatch(o -> o.kind() == Kind.RETRYABLE && o.errorCode().equals("READ_TIMEOUT"));
	}

	@Test
	void refusedCredentialsStopTheRunWithoutShowingTheToken() {
		wireMock.stubFor(
				post("/batch/create").willReturn(aResponse().withStatus(401).withHeader("X-Correlation-Id", "c-401")));

		assertThatThrownBy(() -> client.send(calls(1))).isInstanceOf(GatewayAuthenticationException.class)
			.hasMessageContaining("c-401")
			.message()
			.doesNotContain(TOKEN);
	}

	@Test
	void anInterruptedWaitForAPermitIsRetryableAndSendsNothing() {
		wireMock.stubFor(post("/batch/create").willReturn(aResponse().withStatus(200).withBody("{\"calls\":[]}")));

		Thread.currentThread().interrupt();
		List<CallOutcome> outcomes;
		try {
			outcomes = client.send(calls(2));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}

		assertThat(outcomes).allMatch(o -> o.kind() == Kind.RETRYABLE && o.errorCode().equals("INTERRUPTED"));
		wireMock.verify(0, postRequestedFor(urlEqualTo("/batch/create")));
	}

	@Test
	void theClassificationTable() {
		assertThat(ErrorClassifier.classify(201, null)).isEqualTo(Kind.SETTLED);
		for (int status : new int[] { 500, 502, 503, 504, 429 }) {
			assertThat(ErrorClassifier.classify(status, null)).as("HTTP %s", status).isEqualTo(Kind.RETRYABLE);
		}
		assertThat(ErrorClassifier.classify(400, "THROTTLE_EXCEEDED.APPLICATION_REQUEST_THROTTLE_EXCEEDED"))
			.isEqualTo(Kind.RETRYABLE);
		assertThat(ErrorClassifier.classify(409, "CONCURRENT_UNIQUE_KEY_REQUEST_IS_PROCESSING"))
			.isEqualTo(Kind.RETRYABLE);
		for (int status : new int[] { 400, 402, 403, 404, 409, 422 }) {
			assertThat(ErrorClassifier.classify(status, "INVALID_PARAMS")).as("HTTP %s", status)
				.isEqualTo(Kind.DECLINED);
		}
	}

}
