package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.batchBody;
import static com.settlebatch.sandbox.SandboxTestClient.batchCall;
import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxRandomFaultsTests {

	private final List<SandboxGateway> gateways = new ArrayList<>();

	@AfterEach
	void stop() {
		gateways.forEach(SandboxGateway::close);
	}

	private SandboxTestClient start(long seed) {
		SandboxSettings settings = SandboxSettings.defaults().withSeed(seed);
		SandboxGateway gateway = SandboxGateway.start(settings);
		gateways.add(gateway);
		return new SandboxTestClient(gateway, settings);
	}

	@Test
	void theSameSeedGivesTheSameFaultsForTheSameTraffic() throws Exception {
		List<Integer> first = statuses(start(7), 100);
		List<Integer> again = statuses(start(7), 100);
		List<Integer> otherSeed = statuses(start(8), 100);

		assertThat(again).isEqualTo(first);
		assertThat(otherSeed).isNotEqualTo(first);
		assertThat(first).contains(201, 402).containsAnyOf(500, 502, 503, 504);
	}

	private List<Integer> statuses(SandboxTestClient client, int calls) throws Exception {
		gateways.get(gateways.size() - 1).faults().randomFaults(0.3, 0.2, 0, Duration.ZERO);
		List<Integer> statuses = new ArrayList<>();
		send(client, IntStream.range(0, calls).boxed().toList())
			.forEach(call -> statuses.add(call.get("status").intValue()));
		return statuses;
	}

	/** Payment i is key k-i; batches of 50 keep the many calls quick. */
	private static List<JsonNode> send(SandboxTestClient client, List<Integer> payments) throws Exception {
		List<JsonNode> results = new ArrayList<>();
		for (int from = 0; from < payments.size(); from += BatchCreateHandler.MAX_CALLS) {
			List<String> calls = new ArrayList<>();
			for (int i : payments.subList(from, Math.min(payments.size(), from + BatchCreateHandler.MAX_CALLS))) {
				calls.add(batchCall("p-" + i, "k-" + i, payment("r-" + i, 100, "acct-1")));
			}
			json(client.batch(batchBody("sandbox-app", "sandbox-secret", String.join(",", calls)))).get("calls")
				.forEach(results::add);
		}
		return results;
	}

	@Test
	void ratesAreRoughlyTheConfiguredSharesAndAReplayIsNeverFaulted() throws Exception {
		SandboxTestClient client = start(42);
		SandboxGateway gateway = gateways.get(0);
		gateway.faults().randomFaults(0.2, 0.1, 0, Duration.ZERO);
		int calls = 400;
		Map<Integer, Integer> finalStatus = new HashMap<>();
		List<Integer> failed = new ArrayList<>();
		int declines = 0;
		List<JsonNode> results = send(client, IntStream.range(0, calls).boxed().toList());
		for (int i = 0; i < calls; i++) {
			JsonNode result = results.get(i);
			int status = result.get("status").intValue();
			if (status >= 500) {
				failed.add(i);
				assertThat(status).isIn(500, 502, 503, 504);
				assertThat(result.get("response").get("error_code").stringValue()).isEqualTo("INTERNAL_ERROR");
			}
			else {
				finalStatus.put(i, status);
			}
			if (status == 402) {
				declines++;
				assertThat(result.get("response").get("error").stringValue()).isEqualTo("insufficient_funds");
			}
		}

		// Expected 80 and 40; the bounds are four standard deviations wide.
		assertThat(failed.size()).isBetween(48, 112);
		assertThat(declines).isBetween(16, 64);
		List<Integer> answered = new ArrayList<>(finalStatus.keySet());
		List<JsonNode> replays = send(client, answered);
		for (int j = 0; j < answered.size(); j++) {
			assertThat(replays.get(j).get("status").intValue()).isEqualTo(finalStatus.get(answered.get(j)));
			assertThat(replays.get(j).get("replay").booleanValue()).isTrue();
		}
		for (int attempt = 0; attempt < 20 && !failed.isEmpty(); attempt++) {
			List<JsonNode> retries = send(client, failed);
			List<Integer> stillFailing = new ArrayList<>();
			for (int j = 0; j < failed.size(); j++) {
				int status = retries.get(j).get("status").intValue();
				if (status >= 500) {
					stillFailing.add(failed.get(j));
				}
				else {
					finalStatus.put(failed.get(j), status);
				}
			}
			failed = stillFailing;
		}
		assertThat(finalStatus).hasSize(calls);
		finalStatus
			.forEach((i, status) -> assertThat(gateway.ledger().chargesFor("k-" + i)).isEqualTo(status == 201 ? 1 : 0));
		assertThat(gateway.ledger().chargeCount())
			.isEqualTo((int) finalStatus.values().stream().filter(status -> status == 201).count());
	}

	@Test
	void singlePaymentsDrawFaultsToo() throws Exception {
		SandboxTestClient client = start(42);
		gateways.get(0).faults().randomFaults(0.5, 0, 0, Duration.ZERO);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			statuses.add(client.payment("k-" + i, payment("r-" + i, 100, "acct-1")).statusCode());
		}

		assertThat(statuses).contains(201).containsAnyOf(500, 502, 503, 504);
		assertThat(gateways.get(0).ledger().chargeCount())
			.isEqualTo((int) statuses.stream().filter(s -> s == 201).count());
	}

	@Test
	void blockedAndInvalidPaymentsKeepTheirOwnAnswers() throws Exception {
		SandboxTestClient client = start(42);
		gateways.get(0).faults().randomFaults(0, 1, 0, Duration.ZERO);

		assertThat(client.payment("k-1", payment("r-1", 100, "acct-blocked")).statusCode()).isEqualTo(403);
		assertThat(client.payment("k-2", payment("r-2", -1, "acct-1")).statusCode()).isEqualTo(400);
		assertThat(client.payment("k-3", payment("r-3", 100, "acct-1")).statusCode()).isEqualTo(402);
	}

	@Test
	void invalidRatesAreRejected() {
		SandboxFaults faults = new SandboxFaults(42, Clock.systemUTC());

		assertThatThrownBy(() -> faults.randomFaults(1.5, 0, 0, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> faults.randomFaults(-0.1, 0, 0, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> faults.randomFaults(0.6, 0.3, 0.2, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> faults.randomFaults(0, 0, Double.NaN, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> faults.randomFaults(0, 0, 0.1, Duration.ofSeconds(-1)))
			.isInstanceOf(IllegalArgumentException.class);
		faults.randomFaults(0.1, 0.2, 0.7, Duration.ZERO);
	}

}
