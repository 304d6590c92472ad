package com.settlebatch.api;

import java.net.http.HttpResponse;
import java.time.LocalDate;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real HTTP conversation per endpoint family, through Tomcat and the token filter as
 * a client sees them.
 */
class ApiHttpFunctionalTests extends ApiTestSupport {

	@Autowired
	JobControl jobControl;

	@Test
	void batches() throws Exception {
		HttpResponse<String> created = send("POST", "/batches", """
				{"name": "Http", "merchantId": "acme"}""", TOKEN);
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).contains("/batches/"));
		String id = JsonPath.read(created.body(), "$.id");

		HttpResponse<String> list = send("GET", "/batches?limit=5", null, TOKEN);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
		assertThat((Integer) JsonPath.read(list.body(), "$.total")).isEqualTo(1);
		assertThat((String) JsonPath.read(list.body(), "$.data[0].key")).isEqualTo(id);

		HttpResponse<String> bad = send("GET", "/batches?openedge=2017-10-03", null, TOKEN);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(bad.body(), "$.parameter")).isEqualTo("openedge");

		HttpResponse<String> noToken = send("POST", "/batches", """
				{"name": "Sneaky", "merchantId": "acme"}""", null);
		assertThat(noToken.statusCode()).isEqualTo(401);
		assertThat(noToken.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
		assertThat(rows("payment_batch")).isEqualTo(1);

		HttpResponse<String> submitEmpty = send("POST", "/batches/" + id + "/submit", null, TOKEN);
		assertThat(submitEmpty.statusCode()).isEqualTo(409);
	}

	@Test
	void payments() throws Exception {
		String batch = createBatch("Http", null, "acme");
		HttpResponse<String> added = send("POST", "/batches/" + batch + "/payments", payment("p-1", "9.99", "acct-1"),
				TOKEN);
		assertThat(added.statusCode()).isEqualTo(201);
		String id = JsonPath.read(added.body(), "$.id");
		assertThat((String) JsonPath.read(send("GET", "/payments/" + id, null, TOKEN).body(), "$.amount"))
			.isEqualTo("9.99");

		HttpResponse<String> wrongToken = send("DELETE", "/payments/" + id, null, "not-the-token");
		assertThat(wrongToken.statusCode()).isEqualTo(401);
		assertThat(rows("payment")).isEqualTo(1);

		HttpResponse<String> invalid = send("POST", "/batches/" + batch + "/payments",
				payment("p-2", "1.001", "acct-1"), TOKEN);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(invalid.body(), "$.parameter")).isEqualTo("amount");

		assertThat(send("POST", "/batches/" + batch + "/submit", null, TOKEN).statusCode()).isEqualTo(200);
		HttpResponse<String> late = send("POST", "/batches/" + batch + "/payments", payment("p-3", "1.00", "acct-1"),
				TOKEN);
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(send("DELETE", "/payments/" + id, null, TOKEN).statusCode()).isEqualTo(409);
		assertThat(rows("payment")).isEqualTo(1);
	}

	@Test
	void executions() throws Exception {
		String batch = createBatch("Http", null, "acme");
		addPayments(batch, payment("p-1", "1.00", "acct-1"));
		send("POST", "/batches/" + batch + "/submit", null, TOKEN);
		long id = jobControl.settle(LocalDate.of(2026, 11, 21)).getId();

		HttpResponse<String> one = send("GET", "/executions/" + id, null, TOKEN);
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(one.body(), "$.status")).isEqualTo("COMPLETED");
		assertThat(send("GET", "/executions?job=settlement", null, TOKEN).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/executions/424242", null, TOKEN).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/executions/" + id + "/restart", null, TOKEN).statusCode()).isEqualTo(409);
		assertThat(send("POST", "/executions/" + id + "/stop", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void statusCodesAndTheOpenApiDocument() throws Exception {
		HttpResponse<String> document = send("GET", "/openapi.yaml", null, null);
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("application/vnd.oai.openapi"));
		assertThat(document.body()).startsWith("openapi: 3.")
			.contains("bearerToken", "/batches/{id}/payments", "/executions/{id}/restart");
		assertThat(send("GET", "/openapi", null, null).body()).startsWith("{\"openapi\":\"3.");
		// and Swagger UI, its page and its assets, from the jar and without the token
		HttpResponse<String> ui = send("GET", "/swagger-ui/index.html", null, null);
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui-bundle.js");
		assertThat(send("GET", "/swagger-ui/swagger-ui-bundle.js", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/openapi/swagger-config", null, null).body()).contains("/openapi");

		HttpResponse<String> codes = send("GET", "/batches/statusCodes", null, TOKEN);
		assertThat(codes.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(codes.body(), "$[0].code")).isEqualTo("DRAFT");
		assertThat(send("GET", "/payments/statusCodes", null, null).statusCode()).isEqualTo(401);
		// the actuator's endpoints sit behind the same token (but its health check:
		// ApiAuthTests)
		assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/actuator/health", null, null).statusCode()).isNotEqualTo(401);
		assertThat(send("GET", "/payments/statusCodes", null, TOKEN).statusCode()).isEqualTo(200);
	}

}
