package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /payments?created_from=&created_to=&limit=&after=}: the charges of a window,
 * page after page through the cursor, counted as {@code GET /payments} by the throttle.
 */
class SandboxListTests extends SandboxTestSupport {

	@Test
	void theChargesOfAWindowAreListedPageAfterPageInChargeOrder() throws Exception {
		// given five charges, one of them pending, and a decline, which is no charge
		for (int i = 1; i <= 4; i++) {
			client.payment("k-" + i, payment("r-" + i, 100L * i, "acct-" + i));
		}
		client.payment("k-5", payment("r-5", 500, "acct-pending-5"));
		client.payment("k-6", payment("r-6", 600, "acct-blocked-6"));
		long now = Instant.now().getEpochSecond();

		// when they are listed two at a time
		List<JsonNode> listed = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			HttpResponse<String> page = client.list("created_from=" + (now - 60) + "&created_to=" + (now + 60)
					+ "&limit=2" + (after == null ? "" : "&after=" + after));
			assertThat(page.statusCode()).isEqualTo(200);
			JsonNode body = json(page);
			body.get("data").forEach(listed::add);
			after = body.get("has_more").booleanValue() ? body.get("next").stringValue() : null;
			pages++;
		}
		while (after != null);

		// then every charge once, in charge order, with its key, amount and status
		assertThat(pages).isEqualTo(3);
		assertThat(listed).extracting(c -> c.get("reference_id").stringValue())
			.containsExactly("r-1", "r-2", "r-3", "r-4", "r-5");
		assertThat(listed.get(1).get("unique_key").stringValue()).isEqualTo("k-2");
		assertThat(listed.get(1).get("amount").longValue()).isEqualTo(200);
		assertThat(listed.get(4).get("status").stringValue()).isEqualTo("pending");
		assertThat(listed.get(0).get("status").stringValue()).isEqualTo("completed");
	}

	@Test
	void aWindowWithoutChargesIsOneEmptyPage() throws Exception {
		client.payment("k-1", payment("r-1", 100, "acct-1"));
		long past = Instant.now().minus(Duration.ofDays(3)).getEpochSecond();

		JsonNode page = json(client.list("created_from=" + past + "&created_to=" + (past + 3600)));

		assertThat(page.get("data").size()).isZero();
		assertThat(page.get("has_more").booleanValue()).isFalse();
		assertThat(page.get("next").isNull()).isTrue();
	}

	@Test
	void aMissingWindowOrABoundlessLimitIsRefused() throws Exception {
		long now = Instant.now().getEpochSecond();
		for (String query : new String[] { "limit=10", "created_from=" + now, "created_from=x&created_to=y",
				"created_from=" + now + "&created_to=" + now,
				"created_from=" + now + "&created_to=" + (now + 1) + "&limit=1001" }) {
			HttpResponse<String> refused = client.list(query);
			assertThat(refused.statusCode()).as(query).isEqualTo(400);
			assertThat(json(refused).get("error_code").stringValue()).isEqualTo("INVALID_PARAMS");
		}
	}

	@Test
	void aPageCountsAgainstTheGetPaymentsEndpointLikeALookup() throws Exception {
		try (SandboxGateway throttled = SandboxGateway
			.start(settings.withThrottle(new SandboxSettings.Throttle(0, 2, 0, Duration.ofSeconds(30))))) {
			SandboxTestClient throttledClient = new SandboxTestClient(throttled, settings);
			long now = Instant.now().getEpochSecond();
			String window = "created_from=" + (now - 60) + "&created_to=" + (now + 60);

			assertThat(throttledClient.list(window).statusCode()).isEqualTo(200);
			assertThat(throttledClient.lookup("k-1").statusCode()).isEqualTo(404);
			HttpResponse<String> third = throttledClient.list(window);

			assertThat(third.statusCode()).isEqualTo(429);
			assertThat(json(third).get("error_code").stringValue())
				.isEqualTo("THROTTLE_EXCEEDED.ENDPOINT_REQUEST_THROTTLE_EXCEEDED");
			assertThat(throttled.ledger().throttledCount()).isEqualTo(1);
		}
	}

}
