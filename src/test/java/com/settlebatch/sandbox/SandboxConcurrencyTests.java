package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxConcurrencyTests {

	private SandboxGateway gateway;

	@AfterEach
	void stop() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@Test
	void duplicateWhileTheFirstIsProcessingAnswers409() throws Exception {
		SandboxSettings settings = SandboxSettings.defaults().withLatency(Duration.ofMillis(600));
		gateway = SandboxGateway.start(settings);
		SandboxTestClient client = new SandboxTestClient(gateway, settings);

		CompletableFuture<HttpResponse<String>> first = CompletableFuture
			.supplyAsync(() -> call(() -> client.payment("k-1", payment("r-1", 1250, "acct-1"))));
		// The charge is made before the latency sleep, while the key is still claimed.
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (gateway.ledger().chargesFor("k-1") == 0 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		HttpResponse<String> duplicate = client.payment("k-1", payment("r-1", 1250, "acct-1"));

		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(json(duplicate).get("error_code").stringValue())
			.isEqualTo("CONCURRENT_UNIQUE_KEY_REQUEST_IS_PROCESSING");
		assertThat(first.get().statusCode()).isEqualTo(201);
		HttpResponse<String> retry = client.payment("k-1", payment("r-1", 1250, "acct-1"));
		assertThat(retry.statusCode()).isEqualTo(201);
		assertThat(retry.headers().firstValue("Idempotent-Replay")).hasValue("true");
		assertThat(gateway.ledger().chargesFor("k-1")).isEqualTo(1);
	}

	@Test
	void manyParallelRequestsWithOneKeyChargeExactlyOnce() throws Exception {
		SandboxSettings settings = SandboxSettings.defaults();
		gateway = SandboxGateway.start(settings);
		SandboxTestClient client = new SandboxTestClient(gateway, settings);
		ExecutorService pool = Executors.newFixedThreadPool(12);
		try {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < 48; i++) {
				String key = "k-" + (i % 4);
				futures.add(pool.submit(() -> client.payment(key, payment("r-" + key, 100, "acct-1"))));
			}
			for (Future<HttpResponse<String>> future : futures) {
				assertThat(future.get().statusCode()).isIn(201, 409);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(gateway.ledger().chargeCount()).isEqualTo(4);
		for (int i = 0; i < 4; i++) {
			assertThat(gateway.ledger().chargesFor("k-" + i)).isEqualTo(1);
		}
	}

	private static <T> T call(Callable<T> callable) {
		try {
			return callable.call();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
