package com.settlebatch.api;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.alerts.AlertEvent;
import com.settlebatch.alerts.Alerts;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /alerts} over real HTTP, behind the API token like the rest. */
class AlertApiFunctionalTests extends ApiTestSupport {

	@Autowired
	Alerts alerts;

	@Test
	void alertsAreListedWithTheTokenAndRefusedWithoutIt() throws Exception {
		// given one recorded alert
		alerts.record(new AlertEvent("missed-start:2026-12-06", "nightly.missed-start",
				"the nightly settlement of 2026-12-06 did not start", Map.of("businessDate", "2026-12-06")));

		// when it is asked for with and without the token
		HttpResponse<String> listed = send("GET", "/alerts?limit=5", null, TOKEN);
		HttpResponse<String> refused = send("GET", "/alerts", null, null);

		// then the token gets the list, its absence a 401
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"id\":\"missed-start:2026-12-06\"", "\"type\":\"nightly.missed-start\"",
				"\"deliveries\":[]");
		assertThat(refused.statusCode()).isEqualTo(401);
	}

}
