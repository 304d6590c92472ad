package com.settlebatch.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.ingest.FileImporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard's page, open, and its two data endpoints, behind the token, on H2 and
 * PostgreSQL.
 */
class DashboardFunctionalTests extends DashboardTestSupport {

	@Autowired
	FileImporter importer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void thePageAndItsAssetsLoadWithoutTheTokenButNoDataDoes() throws Exception {
		// given a server with a token, when a browser without it asks for the page and
		// its assets
		HttpResponse<String> page = send("/ui", null);
		HttpResponse<String> script = send("/ui/dashboard.js", null);
		HttpResponse<String> style = send("/ui/dashboard.css", null);

		// then they load, the page under a policy that forbids anything from elsewhere
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue(DashboardPage.CONTENT_SECURITY_POLICY);
		assertThat(page.body()).contains("/ui/dashboard.js", "/ui/dashboard.css").doesNotContain("http://", "https://");
		assertThat(send("/ui/", null).statusCode()).isEqualTo(200);
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("sessionStorage", "Authorization");
		assertThat(style.statusCode()).isEqualTo(200);
		HttpResponse<String> root = send("/", null);
		assertThat(root.statusCode()).isEqualTo(302);
		assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ui"));

		// and every data path still wants the token, however the path is dressed up
		assertThat(send("/dashboard/payments/attention", null).statusCode()).isEqualTo(401);
		assertThat(send("/dashboard/executions/1/throughput", null).statusCode()).isEqualTo(401);
		// (Spring Security's firewall refuses a path with "..;" or an encoded dot
		// outright)
		assertThat(send("/ui/..;/batches", null).statusCode()).isIn(400, 401);
		assertThat(send("/ui/%2e%2e/batches", null).statusCode()).isIn(400, 401);
		assertThat(send("/ui/dashboard.json", null).statusCode()).isEqualTo(401);
		assertThat(send("/dashboard/payments/attention", "not-the-token").statusCode()).isEqualTo(401);
		assertThat(send("/dashboard/payments/attention", TOKEN).statusCode()).isEqualTo(200);
	}

	@Test
	void throughputCountsEveryGatewayOutcomeOfTheRunOncePerBucket() throws Exception {
		// given a run that settles two payments, declines one and fails one, and a later
		// run of another date
		sandbox.faults().failNext("acct-down", 100, 503);
		submittedBatch("Card sales", "acme",
				List.of(payment("ok-1", "10.00", "USD", "acct-1"), payment("ok-2", "2.50", "USD", "acct-2"),
						payment("no-1", "5.00", "USD", "acct-blocked-1"),
						payment("down-1", "7.00", "USD", "acct-down")));
		long run = jobControl.settle(DAY).getId();
		submittedBatch("Refunds", "globex", List.of(payment("g-1", "1.00", "USD", "acct-9")));
		long later = jobControl.settle(DAY.plusDays(1)).getId();

		// when the dashboard asks for each run's pace
		String answer = mvc.perform(authed(get("/dashboard/executions/" + run + "/throughput")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.executionId").value(run))
			.andExpect(jsonPath("$.job").value("settlement"))
			.andExpect(jsonPath("$.businessDate").value("2026-11-21"))
			.andExpect(jsonPath("$.bucketSeconds").value(1))
			.andExpect(jsonPath("$.payments").value(4))
			.andExpect(jsonPath("$.note").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();

		// then the buckets add up to the run's outcomes and cover its span from start to
		// end
		List<Integer> counts = JsonPath.read(answer, "$.points[*].payments");
		assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
		OffsetDateTime from = OffsetDateTime.parse(JsonPath.read(answer, "$.from"));
		OffsetDateTime to = OffsetDateTime.parse(JsonPath.read(answer, "$.to"));
		OffsetDateTime first = OffsetDateTime.parse(JsonPath.read(answer, "$.points[0].at"));
		List<String> at = JsonPath.read(answer, "$.points[*].at");
		OffsetDateTime last = OffsetDateTime.parse(at.get(at.size() - 1));
		assertThat(first).isBeforeOrEqualTo(from).isAfter(from.minusSeconds(1));
		assertThat(last).isBeforeOrEqualTo(to).isAfter(to.minusSeconds(2));
		mvc.perform(authed(get("/dashboard/executions/" + later + "/throughput")))
			.andExpect(jsonPath("$.payments").value(1));
		long imported = importer.importFile(drop("one.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on,custom_data\n"
						+ "b-1,One,acme,r-1,payment,1.00,USD,acct-1,,\n"))
			.getId();
		mvc.perform(authed(get("/dashboard/executions/" + imported + "/throughput")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.job").value("import"))
			.andExpect(jsonPath("$.points.length()").value(0))
			.andExpect(jsonPath("$.note").value("only settlement runs send payments"));
		mvc.perform(authed(get("/dashboard/executions/424242/throughput"))).andExpect(status().isNotFound());
		mvc.perform(authed(get("/dashboard/executions/abc/throughput")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("id"));
	}

	@Test
	void paymentsThatNeedAPersonAreTheFailedOnesWithTheirCorrelationIds() throws Exception {
		// given a payment whose retries ran out, one the gateway may have charged unseen,
		// and settled ones
		sandbox.faults().failNext("acct-down", 100, 503);
		String batch = submittedBatch("Card sales", "acme",
				List.of(payment("ok-1", "10.00", "USD", "acct-1"), payment("down-1", "7.00", "USD", "acct-down")));
		assertThat(jobControl.settle(DAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String unseen = insertFailedPayment(batch, "4111111111111111", "OUTCOME_UNKNOWN");

		// when the dashboard lists them
		mvc.perform(authed(get("/dashboard/payments/attention")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.limit").value(50))
			// then newest first, the card-like reference masked, the unseen charge marked
			// for reconciling
			.andExpect(jsonPath("$.data[0].paymentId").value(unseen))
			.andExpect(jsonPath("$.data[0].referenceId").value(containsString("1111")))
			.andExpect(jsonPath("$.data[0].referenceId").value(not(containsString("41111111"))))
			.andExpect(jsonPath("$.data[0].reconcile").value(true))
			.andExpect(jsonPath("$.data[1].referenceId").value("down-1"))
			.andExpect(jsonPath("$.data[1].merchantId").value("acme"))
			.andExpect(jsonPath("$.data[1].batchnum").value(1))
			.andExpect(jsonPath("$.data[1].amount").value("7.00"))
			.andExpect(jsonPath("$.data[1].currency").value("USD"))
			.andExpect(jsonPath("$.data[1].attempts").value(5))
			.andExpect(jsonPath("$.data[1].httpStatus").value(503))
			.andExpect(jsonPath("$.data[1].correlationId").value(correlationId(batch, "down-1")))
			.andExpect(jsonPath("$.data[1].reconcile").value(false));
		assertThat(correlationId(batch, "down-1")).isNotBlank();
		mvc.perform(authed(get("/dashboard/payments/attention").param("limit", "1")))
			.andExpect(jsonPath("$.data.length()").value(1))
			.andExpect(jsonPath("$.total").value(2));
		mvc.perform(authed(get("/dashboard/payments/attention").param("limit", "0")))
			.andExpect(status().isBadRequest());
		mvc.perform(authed(get("/dashboard/payments/attention").param("limit", "x")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"));
	}

	/**
	 * As the settlement writer leaves a payment whose attempt got no answer and whose
	 * lookup failed too.
	 */
	private String insertFailedPayment(String batchId, String referenceId, String errorCode) {
		String id = UUID.randomUUID().toString();
		jdbc.sql(
				"""
						INSERT INTO payment (id, batch_id, seq, reference_id, type, amount, currency, account_id, unique_key,
						                     status, attempts, http_status, error_code, error_message, correlation_id, updated_at)
						VALUES (?, ?, 99, ?, 'payment', 3.00, 'USD', 'acct-7', ?, 'FAILED', 5, 504, ?, 'reconcile before resubmitting',
						        'corr-unseen', ?)""")
			.params(id, batchId, referenceId, UUID.randomUUID().toString(), errorCode,
					OffsetDateTime.now().plusMinutes(1))
			.update();
		return id;
	}

	private HttpResponse<String> send(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
