package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.batchBody;
import static com.settlebatch.sandbox.SandboxTestClient.batchCall;
import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxMagicBehaviorTests extends SandboxTestSupport {

	@Test
	void retryHeaderFailsTheNextRequestsOfTheKeyThenCharges() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			// Resending the header on every retry, as a client would, does not restart
			// the count.
			statuses.add(client.payment("k-1", payment("r-1", 100, "acct-1"), "Idempotency_Retry_2").statusCode());
		}
		HttpResponse<String> failed = client.payment("k-2", payment("r-2", 100, "acct-1"), "Idempotency_Retry_1");

		assertThat(statuses).containsExactly(500, 500, 201, 201);
		assertThat(json(failed).get("error_code").stringValue()).isEqualTo("INTERNAL_ERROR");
		assertThat(gateway.ledger().chargesFor("k-1")).isEqualTo(1);
		// The state belongs to the key: a retry without the header still fails once.
		assertThat(client.payment("k-3", payment("r-3", 100, "acct-1"), "Idempotency_Retry_1").statusCode())
			.isEqualTo(500);
		assertThat(client.payment("k-3", payment("r-3", 100, "acct-1")).statusCode()).isEqualTo(201);
		assertThat(client.payment("k-4", payment("r-4", 100, "acct-1")).statusCode()).isEqualTo(201);
	}

	@Test
	void retryInABatchCallFieldOrInTheAccountIdFailsPerKey() throws Exception {
		String magicCall = """
				{"call": "/payments", "reference_id": "p-1", "unique_key": "k-1", "magic_behavior": "Idempotency_Retry_2",
				 "parameters": %s}"""
			.formatted(payment("r-1", 100, "acct-1"));
		String body = batchBody("sandbox-app", "sandbox-secret",
				String.join(",", magicCall, batchCall("p-2", "k-2", payment("r-2", 200, "acct-Idempotency_Retry_2")),
						batchCall("p-3", "k-3", payment("r-3", 300, "acct-Idempotency_Retry_2")),
						batchCall("p-4", "k-4", payment("r-4", 400, "acct-1"))));

		List<List<Integer>> rounds = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JsonNode calls = json(client.batch(body)).get("calls");
			List<Integer> statuses = new ArrayList<>();
			calls.forEach(call -> statuses.add(call.get("status").intValue()));
			rounds.add(statuses);
		}

		assertThat(rounds).containsExactly(List.of(500, 500, 500, 201), List.of(500, 500, 500, 201),
				List.of(201, 201, 201, 201));
		// The account convention works for single payments too, per unique key.
		List<Integer> single = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			single.add(client.payment("k-5", payment("r-5", 500, "acct-Idempotency_Retry_2")).statusCode());
		}
		assertThat(single).containsExactly(500, 500, 201);
		for (String key : List.of("k-1", "k-2", "k-3", "k-4", "k-5")) {
			assertThat(gateway.ledger().chargesFor(key)).isEqualTo(1);
		}
	}

	@Test
	void downtimeFailsEveryRequestOfTheKeyUntilTheSecondsHavePassed() throws Exception {
		long started = System.nanoTime();
		String batch = batchBody("sandbox-app", "sandbox-secret",
				String.join(",",
						"""
								{"call": "/payments", "reference_id": "p-1", "unique_key": "k-batch",
								 "magic_behavior": "Idempotency_Downtime_1", "parameters": %s}"""
							.formatted(payment("r-1", 100, "acct-1")),
						batchCall("p-2", "k-account", payment("r-2", 100, "acct-Idempotency_Downtime_1"))));

		List<Integer> during = downtimeRound(batch);
		List<Integer> stillDown = downtimeRound(batch);
		assertThat(System.nanoTime() - started).isLessThan(Duration.ofMillis(900).toNanos());
		Thread.sleep(1_050);
		List<Integer> after = downtimeRound(batch);

		assertThat(during).containsExactly(500, 500, 500);
		assertThat(stillDown).containsExactly(500, 500, 500);
		assertThat(after).containsExactly(201, 201, 201);
		assertThat(gateway.ledger().chargeCount()).isEqualTo(3);
	}

	private List<Integer> downtimeRound(String batch) throws Exception {
		List<Integer> statuses = new ArrayList<>();
		statuses.add(client.payment("k-header", payment("r-0", 100, "acct-1"), "Idempotency_Downtime_1").statusCode());
		json(client.batch(batch)).get("calls").forEach(call -> statuses.add(call.get("status").intValue()));
		return statuses;
	}

	@Test
	void downtimeIsCountedFromTheFirstRequestOfTheKey() {
		MutableClock clock = new MutableClock();
		MagicBehaviors magic = new MagicBehaviors(clock);
		MagicBehavior downtime = MagicBehavior.parse("Idempotency_Downtime_60").orElseThrow();

		assertThat(magic.takeFailure("k-1", downtime)).isTrue();
		clock.advance(Duration.ofSeconds(59));
		assertThat(magic.takeFailure("k-1", downtime)).isTrue();
		assertThat(magic.takeFailure("k-2", downtime)).isTrue();
		clock.advance(Duration.ofSeconds(1));
		assertThat(magic.takeFailure("k-1", null)).isFalse();
		assertThat(magic.takeFailure("k-2", downtime)).isTrue();
		// Like a stored answer, the state lives as long as the key: after 24 hours the
		// key starts afresh.
		clock.advance(IdempotencyStore.KEY_TTL);
		assertThat(magic.takeFailure("k-1", downtime)).isTrue();
		assertThat(magic.takeFailure("k-3", null)).isFalse();
	}

	@Test
	void parsesOnlyTheTwoIdempotencyValues() {
		assertThat(MagicBehavior.parse("Idempotency_Retry_3")).contains(new MagicBehavior(MagicBehavior.Kind.RETRY, 3));
		assertThat(MagicBehavior.parse("Idempotency_Downtime_3600"))
			.contains(new MagicBehavior(MagicBehavior.Kind.DOWNTIME, 3600));
		assertThat(MagicBehavior.parse("idempotency_retry_3")).isEmpty();
		assertThat(MagicBehavior.parse("Idempotency_Retry_")).isEmpty();
		assertThat(MagicBehavior.parse("Idempotency_Retry_9999999999")).isEmpty();
		assertThat(MagicBehavior.inAccount("acct-Idempotency_Downtime_3600"))
			.contains(new MagicBehavior(MagicBehavior.Kind.DOWNTIME, 3600));
		assertThat(MagicBehavior.inAccount("acct-1")).isEmpty();
		assertThat(MagicBehavior.inAccount(null)).isEmpty();
	}

	@Test
	void unknownMagicValueIsRejectedWithoutTouchingTheKey() throws Exception {
		HttpResponse<String> typo = client.payment("k-1", payment("r-1", 100, "acct-1"), "Idempotency_Retyr_2");
		JsonNode batchCalls = json(client.batch(batchBody("sandbox-app", "sandbox-secret", """
				{"call": "/payments", "reference_id": "p-2", "unique_key": "k-2", "magic_behavior": 2,
				 "parameters": %s}""".formatted(payment("r-2", 100, "acct-1"))))).get("calls");

		assertThat(typo.statusCode()).isEqualTo(400);
		assertThat(json(typo).get("error_description").stringValue()).contains("Idempotency_Retry_");
		assertThat(batchCalls.get(0).get("status").intValue()).isEqualTo(400);
		assertThat(client.payment("k-1", payment("r-1", 100, "acct-1")).statusCode()).isEqualTo(201);
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
	}

	@Test
	void aStoredAnswerIsReplayedEvenWhenMagicIsNamedLater() throws Exception {
		client.payment("k-1", payment("r-1", 100, "acct-1"));

		HttpResponse<String> replay = client.payment("k-1", payment("r-1", 100, "acct-1"), "Idempotency_Retry_5");

		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(replay.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(gateway.ledger().chargesFor("k-1")).isEqualTo(1);
	}

}
