package com.settlebatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxIdempotencyStoreTests {

	@Test
	void keysAreForgottenAfter24Hours() {
		MutableClock clock = new MutableClock();
		IdempotencyStore store = new IdempotencyStore(clock);
		store.store("k-1", "fp", 201, SandboxJson.object().put("id", "x"));

		clock.now = clock.now.plus(Duration.ofHours(24)).minusSeconds(1);
		assertThat(store.find("k-1")).isPresent();
		clock.now = clock.now.plusSeconds(1);
		assertThat(store.find("k-1")).isEmpty();
	}

	@Test
	void expiredKeysAreSweptEvenIfNeverLookedUpAgain() {
		MutableClock clock = new MutableClock();
		IdempotencyStore store = new IdempotencyStore(clock);
		store.store("k-old", "fp", 201, SandboxJson.object());
		clock.now = clock.now.plus(Duration.ofHours(25));

		store.store("k-new", "fp", 201, SandboxJson.object());

		assertThat(store.size()).isEqualTo(1);
	}

	@Test
	void aClaimIsExclusiveAcrossRequestsButReentrantWithinOne() {
		IdempotencyStore store = new IdempotencyStore(Clock.systemUTC());
		IdempotencyStore.Claim first = store.newClaim();
		IdempotencyStore.Claim second = store.newClaim();

		assertThat(first.acquire("k-1")).isTrue();
		assertThat(first.acquire("k-1")).isTrue();
		assertThat(second.acquire("k-1")).isFalse();
		first.close();
		assertThat(second.acquire("k-1")).isTrue();
	}

	@Test
	void fingerprintIgnoresKeyOrderAndWhitespaceButNotTypes() {
		JsonNode a = SandboxJson.parse("{\"a\":1,\"b\":{\"y\":[1,2],\"x\":\"s\"}}".getBytes());
		JsonNode b = SandboxJson.parse("{ \"b\" : { \"x\":\"s\", \"y\":[1, 2] }, \"a\" : 1 }".getBytes());
		JsonNode decimal = SandboxJson.parse("{\"a\":1.0,\"b\":{\"y\":[1,2],\"x\":\"s\"}}".getBytes());
		JsonNode string = SandboxJson.parse("{\"a\":\"1\",\"b\":{\"y\":[1,2],\"x\":\"s\"}}".getBytes());
		JsonNode reordered = SandboxJson.parse("{\"a\":1,\"b\":{\"y\":[2,1],\"x\":\"s\"}}".getBytes());

		assertThat(SandboxJson.fingerprint(a)).isEqualTo(SandboxJson.fingerprint(b));
		assertThat(SandboxJson.fingerprint(a)).isNotEqualTo(SandboxJson.fingerprint(decimal))
			.isNotEqualTo(SandboxJson.fingerprint(string))
			.isNotEqualTo(SandboxJson.fingerprint(reordered));
		assertThat(SandboxJson.parse("{\"a\":1,\"a\":2}".getBytes())).isNull();
		assertThat(SandboxJson.parse(new byte[0])).isNull();
	}

}
