package com.settlebatch.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

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
import com.settlebatch.ops.JobControl;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application as {@code settle serve} runs it, on a random port. The same
 * configuration as the API tests' ({@code api.ApiTestSupport}), so that both share one
 * cached application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
// The service account signs the tests in as an operator; the role tests make people's
// tokens (person). Both support classes have the same properties: one cached context.
@TestPropertySource(properties = { "spring.main.web-application-type=servlet",
		"settle.auth.service-account.token=" + DashboardTestSupport.TOKEN, "settle.auth.service-account.name=api-tests",
		"settle.auth.service-account.role=operator" })
abstract class DashboardTestSupport extends FunctionalTestSupport {

	static final String TOKEN = "api-test-token-4b1d9e2f";

	static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JobControl jobControl;

	@LocalServerPort
	protected int port;

	@Autowired
	protected ApiTokens apiTokens;

	/** A person's own token, made as {@code settle token create} makes it. */
	protected String person(String user, String role) {
		return apiTokens.create(user, role, "1d", Actor.commandLine()).token();
	}

	static <B extends MockHttpServletRequestBuilder> B authed(B request) {
		request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		return request;
	}

	/**
	 * A SUBMITTED batch, created through the API as an upstream system would. @return its
	 * id
	 */
	String submittedBatch(String name, String merchantId, List<String> payments) throws Exception {
		String answer = mvc
			.perform(authed(post("/batches")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\",\"merchantId\":\"" + merchantId + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(answer, "$.id");
		for (int from = 0; from < payments.size(); from += 1000) {
			String body = payments.subList(from, Math.min(payments.size(), from + 1000))
				.stream()
				.collect(Collectors.joining(",", "[", "]"));
			mvc.perform(
					authed(post("/batches/" + id + "/payments")).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isCreated());
		}
		mvc.perform(authed(post("/batches/" + id + "/submit"))).andExpect(status().isOk());
		return id;
	}

	static String payment(String referenceId, String amount, String currency, String accountId) {
		return "{\"referenceId\":\"" + referenceId + "\",\"type\":\"payment\",\"amount\":\"" + amount
				+ "\",\"currency\":\"" + currency + "\",\"accountId\":\"" + accountId + "\"}";
	}

	String correlationId(String batchId, String referenceId) {
		return jdbc.sql("SELECT correlation_id FROM payment WHERE batch_id = ? AND reference_id = ?")
			.params(batchId, referenceId)
			.query(String.class)
			.single();
	}

	String batchStatus(String id) {
		return jdbc.sql("SELECT status FROM payment_batch WHERE id = ?").param(id).query(String.class).single();
	}

}
