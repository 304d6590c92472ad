package com.settlebatch.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.audit.Actor;
import com.settlebatch.security.ApiTokens;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application as {@code settle serve} runs it: servlet web application on a
 * random port, MockMvc for most tests and the real port for the HTTP ones. One context
 * for every API test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
// The service account signs the tests in as an operator; the role tests make people's
// tokens (person). Both support classes have the same properties: one cached context.
@TestPropertySource(properties = { "spring.main.web-application-type=servlet",
		"settle.auth.service-account.token=" + ApiTestSupport.TOKEN, "settle.auth.service-account.name=api-tests",
		"settle.auth.service-account.role=operator" })
abstract class ApiTestSupport extends FunctionalTestSupport {

	static final String TOKEN = "api-test-token-4b1d9e2f";

	@Autowired
	protected MockMvc mvc;

	@LocalServerPort
	protected int port;

	@Autowired
	protected ApiTokens apiTokens;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** How long a real HTTP request may take before the test gives up on it. */
	protected Duration requestTimeout() {
		return Duration.ofSeconds(30);
	}

	/**
	 * A real HTTP request to the running server; {@code json} and {@code token} may be
	 * null.
	 */
	protected HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(requestTimeout())
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A person's own token, made as {@code settle token create} makes it. */
	protected String person(String user, String role) {
		return apiTokens.create(user, role, "1d", Actor.commandLine()).token();
	}

	static <B extends MockHttpServletRequestBuilder> B authed(B request) {
		request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		return request;
	}

	static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return authed(request).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	/**
	 * @return the new batch's id
	 */
	String createBatch(String name, String externalId, String merchantId) throws Exception {
		String body = externalId == null ? """
				{"name": "%s", "merchantId": "%s"}""".formatted(name, merchantId) : """
				{"name": "%s", "merchantId": "%s", "externalId": "%s"}""".formatted(name, merchantId, externalId);
		String answer = mvc.perform(json(post("/batches"), body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(answer, "$.id");
	}

	void addPayments(String batchId, String body) throws Exception {
		mvc.perform(json(post("/batches/" + batchId + "/payments"), body)).andExpect(status().isCreated());
	}

	static String payment(String referenceId, String amount, String accountId) {
		return """
				{"referenceId": "%s", "type": "payment", "amount": "%s", "currency": "USD", "accountId": "%s"}"""
			.formatted(referenceId, amount, accountId);
	}

	/** A batch as an import or an earlier run left it, opened at a given local time. */
	String insertBatch(String merchantId, String status, LocalDateTime opened, LocalDateTime closed, Long batchnum) {
		String id = UUID.randomUUID().toString();
		ZoneId zone = ZoneId.systemDefault();
		jdbc.sql("""
				INSERT INTO payment_batch (id, name, merchant_id, status, opened, closed, batchnum)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, "batch " + opened, merchantId, status, opened.atZone(zone).toOffsetDateTime(),
					closed == null ? null : closed.atZone(zone).toOffsetDateTime(), batchnum)
			.update();
		return id;
	}

	long rows(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	String batchStatus(String id) {
		return jdbc.sql("SELECT status FROM payment_batch WHERE id = ?").param(id).query(String.class).single();
	}

}
