package com.settlebatch.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.retry.RetryPolicy;

import com.settlebatch.gateway.ChargeListClient;
import com.settlebatch.gateway.ChargeListClient.PageFailedException;
import com.settlebatch.gateway.GatewayProperties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A page of the gateway's list of charges that fails, against WireMock: the sandbox
 * serves every page.
 */
class GatewayChargeReaderTests {

	private static final String TOKEN = "tok_list_SECRET";

	private static final Instant FROM = Instant.parse("2026-12-05T00:00:00Z");

	private static final Instant TO = Instant.parse("2026-12-07T00:00:00Z");

	private final WireMockServer wireMock = new WireMockServer(options().dynamicPort());

	private GatewayChargeReader reader;

	@BeforeEach
	void start() {
		wireMock.start();
		ChargeListClient client = new ChargeListClient(new GatewayProperties(wireMock.baseUrl(),
				GatewayProperties.Mode.BATCH, "app-1", TOKEN, "secret-1", "3.0", Duration.ofSeconds(2),
				Duration.ofSeconds(5), new GatewayProperties.Throttle(30, Duration.ofSeconds(10))));
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(3)
			.delay(Duration.ofMillis(10))
			.includes(GatewayChargeReader.RetryablePageException.class)
			.build();
		reader = new GatewayChargeReader(client, policy, FROM, TO, 2);
	}

	@AfterEach
	void stop() {
		wireMock.stop();
	}

	@Test
	void aPageAnswered503And429IsAskedAgainForTheSameCursorAndNoChargeIsLost() {
		wireMock.stubFor(get(urlPathEqualTo("/payments")).withQueryParam("after", absent())
			.willReturn(page("{\"has_more\":true,\"next\":\"cursor-1\",\"data\":[%s,%s]}", 1, 2)));
		wireMock.stubFor(get(urlPathEqualTo("/payments")).withQueryParam("after", equalTo("cursor-1"))
			.inScenario("second page")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"error_code\":\"SERVICE_UNAVAILABLE\"}"))
			.willSetStateTo("throttled"));
		wireMock.stubFor(get(urlPathEqualTo("/payments")).withQueryParam("after", equalTo("cursor-1"))
			.inScenario("second page")
			.whenScenarioStateIs("throttled")
			.willReturn(aResponse().withStatus(429)
				.withHeader("Retry-After", "1")
				.withBody("{\"error_code\":\"APPLICATION_REQUEST_THROTTLE_EXCEEDED\"}"))
			.willSetStateTo("served"));
		wireMock.stubFor(get(urlPathEqualTo("/payments")).withQueryParam("after", equalTo("cursor-1"))
			.inScenario("second page")
			.whenScenarioStateIs("served")
			.willReturn(page("{\"has_more\":false,\"data\":[%s]}", 3)));

		long started = System.nanoTime();
		List<String> read = readAll();

		assertThat(read).containsExactly("ch-1", "ch-2", "ch-3");
		wireMock.verify(3,
				getRequestedFor(urlPathEqualTo("/payments")).withQueryParam("after", equalTo("cursor-1"))
					.withQueryParam("created_from", equalTo(String.valueOf(FROM.getEpochSecond())))
					.withQueryParam("limit", equalTo("2")));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the Retry-After was waited out")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aPageRefusedWith400IsNotAskedAgainAndFailsSayingWhatTheGatewayAnswered() {
		wireMock.stubFor(get(urlPathEqualTo("/payments")).willReturn(aResponse().withStatus(400)
			.withHeader("X-Correlation-Id", "corr-400")
			.withBody("{\"error_code\":\"INVALID_PARAMETER\"}")));

		assertThatThrownBy(reader::read).isInstanceOf(PageFailedException.class)
			.hasMessageContaining("400 INVALID_PARAMETER")
			.hasMessageContaining("corr-400")
			.hasMessageNotContaining(TOKEN);
		wireMock.verify(1, getRequestedFor(urlPathEqualTo("/payments")));
	}

	@Test
	void aPageThatKeepsFailingFailsTheReadOnceTheRetriesAreSpent() {
		wireMock.stubFor(get(urlPathEqualTo("/payments"))
			.willReturn(aResponse().withStatus(502).withBody("{\"error_code\":\"BAD_GATEWAY\"}")));

		assertThatThrownBy(reader::read).hasMessageContaining("502").hasMessageNotContaining(TOKEN);
		wireMock.verify(4, getRequestedFor(urlPathEqualTo("/payments")));
	}

	private List<String> readAll() {
		List<String> ids = new ArrayList<>();
		for (ListedCharge charge = reader.read(); charge != null; charge = reader.read()) {
			ids.add(charge.charge().gatewayId());
		}
		return ids;
	}

	private static ResponseDefinitionBuilder page(String shape, int... ids) {
		Object[] items = new Object[ids.length];
		for (int i = 0; i < ids.length; i++) {
			items[i] = """
					{"id":"ch-%d","unique_key":"k-%d","status":"SUCCESS","reference_id":"r-%d","type":"payment",\
					"amount":%d,"currency":"USD","account_id":"acct-1","created_time":%d}""".formatted(ids[i], ids[i],
					ids[i], 100 * ids[i], FROM.getEpochSecond() + ids[i]);
		}
		return aResponse().withStatus(200).withBody(shape.formatted(items));
	}

}
