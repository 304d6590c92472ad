package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxLookupTests extends SandboxTestSupport {

	@Test
	void aStoredAnswerIsReturnedWithItsStatus() throws Exception {
		HttpResponse<String> charged = client.payment("k 1/+&=?", payment("r-1", 1250, "acct-1"));
		client.payment("k-2", payment("r-2", 100, "acct-blocked"));

		HttpResponse<String> found = client.lookup("k 1/+&=?");
		HttpResponse<String> declined = client.lookup("k-2");

		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.headers().firstValue("X-Correlation-Id")).isPresent();
		JsonNode body = json(found);
		assertThat(body.get("unique_key").stringValue()).isEqualTo("k 1/+&=?");
		assertThat(body.get("status").intValue()).isEqualTo(201);
		assertThat(body.get("response")).isEqualTo(json(charged));
		assertThat(json(declined).get("status").intValue()).isEqualTo(403);
		assertThat(json(declined).get("response").get("error_code").stringValue()).isEqualTo("3004");
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
		assertThat(gateway.ledger().callCount()).isEqualTo(2);
	}

	@Test
	void aKeyThatNeverGotAFinalAnswerIsNotFound() throws Exception {
		gateway.faults().failNext("acct-1", 1, 503);
		client.payment("k-failed", payment("r-1", 100, "acct-1"));

		for (String key : new String[] { "k-unknown", "k-failed" }) {
			HttpResponse<String> missing = client.lookup(key);
			assertThat(missing.statusCode()).isEqualTo(404);
			JsonNode error = json(missing);
			assertThat(error.get("error").stringValue()).isEqualTo("not_found");
			assertThat(error.get("error_description").stringValue()).isEqualTo("no payment with this unique key");
			assertThat(error.get("error_code").stringValue()).isEqualTo("NOT_FOUND");
		}
	}

	@Test
	void aKeyBeingProcessedAnswers409() throws Exception {
		gateway.faults().randomFaults(0, 0, 1, Duration.ofMillis(400));
		CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> {
			try {
				return client.payment("k-1", payment("r-1", 100, "acct-1")).statusCode();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (gateway.ledger().chargesFor("k-1") == 0 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}

		HttpResponse<String> busy = client.lookup("k-1");

		assertThat(busy.statusCode()).isEqualTo(409);
		assertThat(json(busy).get("error_code").stringValue()).isEqualTo("CONCURRENT_UNIQUE_KEY_REQUEST_IS_PROCESSING");
		assertThat(slow.get()).isEqualTo(201);
		assertThat(client.lookup("k-1").statusCode()).isEqualTo(200);
	}

	@Test
	void theLookupNeedsAuthenticationAndAKey() throws Exception {
		client.payment("k-1", payment("r-1", 100, "acct-1"));

		HttpResponse<String> anonymous = client
			.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/payments?unique_key=k-1")).GET().build());
		HttpResponse<String> noKey = client.lookup(null);

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("completed");
		assertThat(noKey.statusCode()).isEqualTo(400);
		assertThat(json(noKey).get("error_code").stringValue()).isEqualTo("INVALID_PARAMS");
		// Lookups are neither payment calls nor charges.
		assertThat(gateway.ledger().callCount()).isEqualTo(1);
		assertThat(gateway.ledger().chargeCount()).isEqualTo(1);
	}

}
