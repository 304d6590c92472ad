package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxGatewayTests {

	private SandboxGateway gateway;

	private SandboxTestClient client;

	private void start(SandboxSettings settings) {
		gateway = SandboxGateway.start(settings);
		client = new SandboxTestClient(gateway, settings);
	}

	@AfterEach
	void stop() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@Test
	void chargesAPaymentAndRecordsItInTheLedger() throws Exception {
		start(SandboxSettings.defaults());

		HttpResponse<String> response = client.payment("k-1", payment("r-1", 1250, "acct-1"));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(id -> UUID.fromString(id));
		assertThat(response.headers().firstValue("Idempotent-Replay")).isEmpty();
		JsonNode body = json(response);
		assertThat(body.get("status").stringValue()).isEqualTo("completed");
		assertThat(body.get("amount").isIntegralNumber()).isTrue();
		assertThat(body.get("amount").longValue()).isEqualTo(1250);
		assertThat(body.get("currency").stringValue()).isEqualTo("USD");
		assertThat(body.get("account_id").stringValue()).isEqualTo("acct-1");
		assertThat(body.get("reference_id").stringValue()).isEqualTo("r-1");
		assertThat(body.get("type").stringValue()).isEqualTo("payment");
		assertThat(body.get("created_time").isIntegralNumber()).isTrue();
		SandboxLedger ledger = gateway.ledger();
		assertThat(ledger.chargeCount()).isEqualTo(1);
		assertThat(ledger.chargesFor("k-1")).isEqualTo(1);
		assertThat(ledger.charges()).singleElement().satisfies(charge -> {
			assertThat(charge.gatewayId()).isEqualTo(body.get("id").stringValue());
			assertThat(charge.amountMinor()).isEqualTo(1250);
			assertThat(charge.referenceId()).isEqualTo("r-1");
		});
		assertThat(ledger.requestCount()).isEqualTo(1);
		assertThat(ledger.callCount()).isEqualTo(1);
		assertThat(gateway.baseUrl()).isEqualTo("http://127.0.0.1:" + gateway.port());
	}

	@Test
	void replayWithEqualParametersReturnsTheStoredAnswerWithoutCharging() throws Exception {
		start(SandboxSettings.defaults());
		HttpResponse<String> first = client.payment("k-1", payment("r-1", 1250, "acct-1"));
		// Same parameters, different key order and whitespace: compared as parsed JSON.
		String reordered = """
				{ "account_id":"acct-1","currency":"USD",  "amount":1250,"type":"payment","reference_id":"r-1" }""";

		HttpResponse<String> replay = client.payment("k-1", reordered);

		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(json(replay)).isEqualTo(json(first));
		assertThat(replay.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(replay.headers().firstValue("X-Correlation-Id"))
			.isNotEqualTo(first.headers().firstValue("X-Correlation-Id"));
		assertThat(gateway.ledger().chargesFor("k-1")).isEqualTo(1);
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
	}

	@Test
	void sameKeyWithDifferentParametersIsRejected() throws Exception {
		start(SandboxSettings.defaults());
		client.payment("k-1", payment("r-1", 1250, "acct-1"));

		HttpResponse<String> reused = client.payment("k-1", payment("r-1", 1251, "acct-1"));

		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(json(reused).get("error_code").stringValue()).isEqualTo("UNIQUE_KEY_REUSED");
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
		// The original answer is still the stored one.
		assertThat(client.payment("k-1", payment("r-1", 1250, "acct-1")).statusCode()).isEqualTo(201);
	}

	@Test
	void blockedAccountAnswers3004AndTheAnswerIsStored() throws Exception {
		start(SandboxSettings.defaults().withBlockedAccounts(Set.of("acct-frozen")));

		HttpResponse<String> byConvention = client.payment("k-1", payment("r-1", 100, "acct-BLOCKED-7"));
		HttpResponse<String> configured = client.payment("k-2", payment("r-2", 100, "acct-frozen"));
		HttpResponse<String> replay = client.payment("k-1", payment("r-1", 100, "acct-BLOCKED-7"));

		for (HttpResponse<String> response : java.util.List.of(byConvention, configured, replay)) {
			assertThat(response.statusCode()).isEqualTo(403);
			JsonNode error = json(response);
			assertThat(error.get("error").stringValue()).isEqualTo("access_denied");
			assertThat(error.get("error_description").stringValue()).isEqualTo("this account can no longer transact");
			assertThat(error.get("error_code").isString()).isTrue();
			assertThat(error.get("error_code").stringValue()).isEqualTo("3004");
		}
		assertThat(replay.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(gateway.ledger().chargeCount()).isZero();
	}

	@Test
	void wrongOrMissingCredentialsAnswer401WithoutEchoingThem() throws Exception {
		start(SandboxSettings.defaults());

		HttpResponse<String> wrongToken = client
			.send(client.request("/payments", payment("r-1", 100, "acct-1"), "not-the-token", "k-1"));
		HttpResponse<String> noHeaders = client.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/payments"))
			.header("Unique-Key", "k-1")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());

		assertThat(wrongToken.statusCode()).isEqualTo(401);
		assertThat(json(wrongToken).get("error_code").stringValue()).isEqualTo("NOT_AUTHORIZED");
		assertThat(wrongToken.body()).doesNotContain("not-the-token").doesNotContain("sandbox-token");
		assertThat(noHeaders.statusCode()).isEqualTo(401);
		assertThat(gateway.ledger().chargeCount()).isZero();
		assertThat(gateway.ledger().callCount()).isZero();
		assertThat(SandboxSettings.defaults().toString()).doesNotContain("sandbox-token", "sandbox-secret");
	}

	@Test
	void injectedServerErrorIsNotStoredSoTheRetryChargesOnce() throws Exception {
		start(SandboxSettings.defaults());
		gateway.faults().failNext("acct-1", 2, 503);

		HttpResponse<String> first = client.payment("k-1", payment("r-1", 1250, "acct-1"));
		HttpResponse<String> second = client.payment("k-1", payment("r-1", 1250, "acct-1"));
		HttpResponse<String> third = client.payment("k-1", payment("r-1", 1250, "acct-1"));
		HttpResponse<String> fourth = client.payment("k-1", payment("r-1", 1250, "acct-1"));

		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(json(first).get("error_code").stringValue()).isEqualTo("INTERNAL_ERROR");
		assertThat(second.statusCode()).isEqualTo(503);
		assertThat(third.statusCode()).isEqualTo(201);
		assertThat(third.headers().firstValue("Idempotent-Replay")).isEmpty();
		assertThat(fourth.statusCode()).isEqualTo(201);
		assertThat(fourth.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(gateway.ledger().chargesFor("k-1")).isEqualTo(1);
		assertThat(gateway.ledger().callCount()).isEqualTo(4);
	}

	@Test
	void droppedResponseAfterChargeIsAnsweredOnRetry() throws Exception {
		start(SandboxSettings.defaults());
		gateway.faults().dropResponseAfterCharge("acct-1", 1);

		assertThatThrownBy(() -> client.payment("k-1", payment("r-1", 1250, "acct-1"))).isInstanceOf(IOException.class);
		assertThat(gateway.ledger().chargesFor("k-1")).isEqualTo(1);

		HttpResponse<String> retry = client.payment("k-1", payment("r-1", 1250, "acct-1"));

		assertThat(retry.statusCode()).isEqualTo(201);
		assertThat(retry.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(json(retry).get("id").stringValue()).isEqualTo(gateway.ledger().charges().get(0).gatewayId());
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
	}

	@Test
	void ledgerEndpointNeedsNoAuth() throws Exception {
		start(SandboxSettings.defaults());
		client.payment("k-1", payment("r-1", 1250, "acct-1"));

		HttpResponse<String> summary = client.get("/sandbox/ledger");

		assertThat(summary.statusCode()).isEqualTo(200);
		JsonNode body = json(summary);
		assertThat(body.get("charges").intValue()).isEqualTo(1);
		assertThat(body.get("calls").intValue()).isEqualTo(1);
		assertThat(body.get("requests").intValue()).isEqualTo(2);
	}

}
