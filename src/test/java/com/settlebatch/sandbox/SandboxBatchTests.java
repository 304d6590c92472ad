package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.batchBody;
import static com.settlebatch.sandbox.SandboxTestClient.batchCall;
import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxBatchTests extends SandboxTestSupport {

	private String batch(String... calls) {
		return batchBody("sandbox-app", "sandbox-secret", String.join(",", calls));
	}

	@Test
	void answersEachCallIndependentlyInRequestOrder() throws Exception {
		client.payment("k-paid-before", payment("r-0", 500, "acct-1"));
		gateway.faults().failNext("acct-flaky", 1, 500);

		HttpResponse<String> response = client.batch(batch(batchCall("p-1", "k-1", payment("r-1", 1250, "acct-1")),
				batchCall("p-2", "k-2", payment("r-2", 700, "acct-blocked")),
				batchCall("p-3", "k-3", payment("r-3", -5, "acct-1")),
				batchCall("p-4", "k-paid-before", payment("r-0", 500, "acct-1")),
				batchCall("p-5", "k-paid-before", payment("r-0", 999, "acct-1")),
				batchCall("p-6", "k-6", payment("r-6", 10, "acct-flaky"))));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
		JsonNode calls = json(response).get("calls");
		assertThat(calls.size()).isEqualTo(6);
		Set<String> correlationIds = new HashSet<>();
		for (int i = 0; i < calls.size(); i++) {
			JsonNode call = calls.get(i);
			assertThat(call.get("call").stringValue()).isEqualTo("/payments");
			assertThat(call.get("reference_id").stringValue()).isEqualTo("p-" + (i + 1));
			correlationIds.add(UUID.fromString(call.get("correlation_id").stringValue()).toString());
		}
		assertThat(correlationIds).hasSize(6);
		assertThat(calls.get(0).get("status").intValue()).isEqualTo(201);
		assertThat(calls.get(0).get("response").get("amount").longValue()).isEqualTo(1250);
		assertThat(calls.get(0).has("replay")).isFalse();
		assertThat(calls.get(1).get("status").intValue()).isEqualTo(403);
		assertThat(calls.get(1).get("response").get("error_code").stringValue()).isEqualTo("3004");
		assertThat(calls.get(2).get("status").intValue()).isEqualTo(400);
		assertThat(calls.get(2).get("response").get("error_description").stringValue()).contains("amount");
		assertThat(calls.get(3).get("status").intValue()).isEqualTo(201);
		assertThat(calls.get(3).get("replay").booleanValue()).isTrue();
		assertThat(calls.get(4).get("response").get("error_code").stringValue()).isEqualTo("UNIQUE_KEY_REUSED");
		assertThat(calls.get(5).get("status").intValue()).isEqualTo(500);
		assertThat(calls.get(5).get("response").get("error_code").stringValue()).isEqualTo("INTERNAL_ERROR");

		assertThat(gateway.ledger().chargeCount()).isEqualTo(2);
		assertThat(gateway.ledger().callCount()).isEqualTo(7);

		// The 5xx call was not stored, so the same batch call now succeeds; the others
		// replay.
		JsonNode again = json(client.batch(batch(batchCall("p-6", "k-6", payment("r-6", 10, "acct-flaky")),
				batchCall("p-2", "k-2", payment("r-2", 700, "acct-blocked")))));
		assertThat(again.get("calls").get(0).get("status").intValue()).isEqualTo(201);
		assertThat(again.get("calls").get(0).has("replay")).isFalse();
		assertThat(again.get("calls").get(1).get("status").intValue()).isEqualTo(403);
		assertThat(again.get("calls").get(1).get("replay").booleanValue()).isTrue();
		assertThat(gateway.ledger().chargesFor("k-6")).isEqualTo(1);
		assertThat(gateway.ledger().chargeCount()).isEqualTo(3);
	}

	@Test
	void singleAndBatchShareTheIdempotencyStore() throws Exception {
		JsonNode first = json(client.batch(batch(batchCall("p-1", "k-1", payment("r-1", 1250, "acct-1")))));

		HttpResponse<String> single = client.payment("k-1", payment("r-1", 1250, "acct-1"));

		assertThat(single.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(json(single)).isEqualTo(first.get("calls").get(0).get("response"));
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
	}

	@Test
	void moreThanFiftyOrNoCallsRejectTheWholeRequest() throws Exception {
		List<String> calls = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			calls.add(batchCall("p-" + i, "k-" + i, payment("r-" + i, 100, "acct-1")));
		}

		HttpResponse<String> tooMany = client.batch(batch(calls.toArray(String[]::new)));
		HttpResponse<String> none = client.batch(batch());
		HttpResponse<String> fifty = client.batch(batch(calls.subList(0, 50).toArray(String[]::new)));

		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(json(tooMany).get("error_code").stringValue()).isEqualTo("INVALID_PARAMS");
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(fifty.statusCode()).isEqualTo(200);
		assertThat(gateway.ledger().chargeCount()).isEqualTo(50);
		assertThat(gateway.ledger().callCount()).isEqualTo(50);
	}

	@Test
	void wrongClientSecretOrIdAnswers401() throws Exception {
		String call = batchCall("p-1", "k-1", payment("r-1", 100, "acct-1"));

		HttpResponse<String> badSecret = client.batch(batchBody("sandbox-app", "guess", call));
		HttpResponse<String> badClient = client.batch(batchBody("other-app", "sandbox-secret", call));
		HttpResponse<String> badToken = client
			.send(client.request("/batch/create", batchBody("sandbox-app", "sandbox-secret", call), "nope", null));

		for (HttpResponse<String> response : List.of(badSecret, badClient, badToken)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(json(response).get("error_code").stringValue()).isEqualTo("NOT_AUTHORIZED");
			assertThat(response.body()).doesNotContain("sandbox-secret").doesNotContain("guess");
		}
		assertThat(gateway.ledger().chargeCount()).isZero();
	}

	@Test
	void callWithoutUniqueKeyOrWithAnotherEndpointIsRejectedPerCall() throws Exception {
		HttpResponse<String> response = client.batch(batch(
				"{\"call\": \"/payments\", \"reference_id\": \"p-1\", \"parameters\": " + payment("r-1", 100, "acct-1")
						+ "}",
				"{\"call\": \"/user\", \"reference_id\": \"p-2\", \"unique_key\": \"k-2\"}",
				batchCall("p-3", "k-3", payment("r-3", 100, "acct-1")), "42"));

		JsonNode calls = json(response).get("calls");
		assertThat(calls.size()).isEqualTo(4);
		assertThat(calls.get(3).get("status").intValue()).isEqualTo(400);
		assertThat(calls.get(3).get("reference_id").isNull()).isTrue();
		assertThat(calls.get(0).get("response").get("error_code").stringValue()).isEqualTo("UNIQUE_KEY_REQUIRED");
		assertThat(calls.get(1).get("status").intValue()).isEqualTo(400);
		assertThat(calls.get(2).get("status").intValue()).isEqualTo(201);
	}

	@Test
	void droppedBatchResponseIsReplayedOnRetry() throws Exception {
		gateway.faults().dropResponseAfterCharge("acct-2", 1);
		String body = batch(batchCall("p-1", "k-1", payment("r-1", 100, "acct-1")),
				batchCall("p-2", "k-2", payment("r-2", 200, "acct-2")));

		assertThatThrownBy(() -> client.batch(body)).isInstanceOf(IOException.class);
		JsonNode retry = json(client.batch(body));

		assertThat(retry.get("calls").get(0).get("replay").booleanValue()).isTrue();
		assertThat(retry.get("calls").get(1).get("replay").booleanValue()).isTrue();
		assertThat(gateway.ledger().chargeCount()).isEqualTo(2);
	}

}
