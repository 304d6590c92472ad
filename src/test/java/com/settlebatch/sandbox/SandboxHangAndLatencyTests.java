package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxHangAndLatencyTests extends SandboxTestSupport {

	@Test
	void aHangChargesThenHoldsTheAnswerPastTheClientsReadTimeout() throws Exception {
		gateway.faults().randomFaults(0, 0, 1, Duration.ofMillis(700));
		long started = System.nanoTime();
		HttpRequest impatient = HttpRequest
			.newBuilder(client.request("/payments", payment("r-1", 100, "acct-1"), settings.appToken(), "k-1"),
					(n, v) -> true)
			.timeout(Duration.ofMillis(250))
			.build();

		assertThatThrownBy(() -> client.send(impatient)).isInstanceOf(HttpTimeoutException.class);
		assertThat(gateway.ledger().chargesFor("k-1")).isEqualTo(1);
		// The ambiguous outcome: still being processed, so a lookup or a retry is told to
		// wait.
		assertThat(client.lookup("k-1").statusCode()).isEqualTo(409);
		assertThat(client.payment("k-1", payment("r-1", 100, "acct-1")).statusCode()).isEqualTo(409);

		HttpResponse<String> settled = client.lookup("k-1");
		while (settled.statusCode() == 409 && System.nanoTime() - started < Duration.ofSeconds(3).toNanos()) {
			Thread.sleep(20);
			settled = client.lookup("k-1");
		}
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(700).toNanos());
		assertThat(settled.statusCode()).isEqualTo(200);
		JsonNode answer = json(settled);
		assertThat(answer.get("status").intValue()).isEqualTo(201);
		assertThat(answer.get("response").get("id").stringValue())
			.isEqualTo(gateway.ledger().charges().get(0).gatewayId());
		// A replay is never faulted, so it answers at once although every fresh call
		// hangs.
		long replayStarted = System.nanoTime();
		HttpResponse<String> replay = client.payment("k-1", payment("r-1", 100, "acct-1"));
		assertThat(replay.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(System.nanoTime() - replayStarted).isLessThan(Duration.ofMillis(500).toNanos());
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
	}

	@Test
	void latencyIsDrawnPerRequestWithinTheRangeOnTopOfTheFixedLatency() throws Exception {
		gateway.faults().latency(Duration.ofMillis(120), Duration.ofMillis(160));

		for (int i = 0; i < 3; i++) {
			long started = System.nanoTime();
			client.payment("k-" + i, payment("r-" + i, 100, "acct-1"));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(120),
					Duration.ofMillis(160 + 400));
		}
		gateway.faults().clear();
		long started = System.nanoTime();
		client.payment("k-9", payment("r-9", 100, "acct-1"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(120));
	}

	@Test
	void latencyDrawsAreSeededAndCoverTheRange() {
		List<Duration> first = draws(new SandboxFaults(42, Clock.systemUTC()));
		List<Duration> again = draws(new SandboxFaults(42, Clock.systemUTC()));
		List<Duration> otherSeed = draws(new SandboxFaults(43, Clock.systemUTC()));

		assertThat(first).isEqualTo(again).isNotEqualTo(otherSeed);
		assertThat(first).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(10), Duration.ofMillis(50)));
		assertThat(first).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(15)))
			.anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofMillis(45)));
		assertThatThrownBy(() -> new SandboxFaults(42, Clock.systemUTC()).latency(Duration.ofMillis(5), Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(new SandboxFaults(42, Clock.systemUTC()).nextLatency()).isZero();
	}

	private static List<Duration> draws(SandboxFaults faults) {
		faults.latency(Duration.ofMillis(10), Duration.ofMillis(50));
		List<Duration> draws = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			draws.add(faults.nextLatency());
		}
		return draws;
	}

}
