package com.settlebatch.security;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.settlebatch.audit.Actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * People's own tokens and the service account, end to end through the filter chain: who
 * they sign in, what a refusal looks like and changes, and what the audit trail keeps.
 */
class SignInFunctionalTests extends SecurityTestSupport {

	@Test
	void aPersonsTokenSignsInUntilItIsRevokedOrExpires() throws Exception {
		// given two viewers' tokens
		ApiTokens.NewToken revoked = apiTokens.create("vera", "viewer", "90d", Actor.commandLine());
		ApiTokens.NewToken expired = apiTokens.create("victor", "viewer", "1h", Actor.commandLine());
		mvc.perform(as(get("/batches"), revoked.token())).andExpect(status().isOk());
		mvc.perform(as(get("/batches"), expired.token())).andExpect(status().isOk());

		// when one is revoked and the other's hour has passed
		apiTokens.revoke(revoked.id(), Actor.commandLine());
		jdbc.sql("UPDATE api_token SET expires_at = created_at WHERE id = ?").param(expired.id()).update();

		// then both answer 401 in the API's error shape
		for (String token : List.of(revoked.token(), expired.token())) {
			mvc.perform(as(get("/batches"), token))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
				.andExpect(jsonPath("$.error").value("unauthorized"))
				.andExpect(jsonPath("$.parameter").value("Authorization"));
		}
	}

	@Test
	void onlyTheTokensSha256IsStored() {
		ApiTokens.NewToken made = apiTokens.create("alice", "admin", "never", Actor.commandLine());

		String stored = jdbc.sql("SELECT token_hash FROM api_token WHERE id = ?")
			.param(made.id())
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo(ApiTokens.hash(made.token())).hasSize(64).doesNotContain(made.token());
		assertThat(made.toString()).doesNotContain(made.token());
		assertThat(auditRows("target LIKE ? OR detail LIKE ?", "%" + made.token() + "%", "%" + made.token() + "%"))
			.isZero();
	}

	@Test
	void aViewerWhoTriesToChangeSomethingGets403ChangesNothingAndIsInTheTrail() throws Exception {
		// given a draft batch, made by the service account, and a viewer
		String batch = JsonPath.read(mvc
			.perform(as(post("/batches"), SERVICE_TOKEN).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"N\",\"merchantId\":\"acme\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		String viewer = person("vera", "viewer");
		long before = lastAuditId();

		// when the viewer tries to cancel it
		mvc.perform(as(post("/batches/" + batch + "/cancel"), viewer))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("forbidden"))
			.andExpect(jsonPath("$.message").value(startsWith("this needs the operator role")));

		// then the batch is still a draft, and the attempt is one DENIED row with who
		// tried, as what, from where
		assertThat(jdbc.sql("SELECT status FROM payment_batch WHERE id = ?").param(batch).query(String.class).single())
			.isEqualTo("DRAFT");
		assertThat(auditRows("id > ? AND actor = 'vera' AND role = 'viewer' AND outcome = 'DENIED' AND origin = 'API' "
				+ "AND target = ? AND host IS NOT NULL", before, "/batches/" + batch + "/cancel"))
			.isEqualTo(1);
		assertThat(auditRows("id > ? AND outcome = 'OK'", before)).isZero();
	}

	@Test
	void anUnknownTokenIs401AndTheAttemptIsAuditedWithoutIt() throws Exception {
		long before = lastAuditId();

		mvc.perform(as(post("/executions/1/restart"), "settle_guessed-3c9b1e")).andExpect(status().isUnauthorized());
		mvc.perform(post("/executions/1/restart")).andExpect(status().isUnauthorized());

		assertThat(auditRows("id > ? AND actor = 'anonymous' AND actor_kind = 'ANONYMOUS' AND outcome = 'DENIED' "
				+ "AND action = 'POST /executions/1/restart'", before))
			.isEqualTo(2);
		assertThat(auditRows("id > ? AND (target LIKE '%guessed%' OR detail LIKE '%guessed%')", before)).isZero();
	}

	@Test
	void aChangeIsAuditedUnderThePersonTheirRoleAndTheCallersCorrelationId() throws Exception {
		String operator = person("olivia", "operator");
		long before = lastAuditId();

		mvc.perform(as(post("/batches"), operator).header("X-Correlation-Id", "ticket-4711")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"N\",\"merchantId\":\"acme\"}")).andExpect(status().isCreated());
		mvc.perform(as(post("/batches/nope/submit"), operator)).andExpect(status().isNotFound());

		assertThat(
				auditRows(
						"id > ? AND actor = 'olivia' AND actor_kind = 'PERSON' AND role = 'operator' "
								+ "AND action = 'batch.create' AND outcome = 'OK' AND correlation_id = 'ticket-4711'",
						before))
			.isEqualTo(1);
		assertThat(auditRows("id > ? AND actor = 'olivia' AND action = 'batch.submit' AND target = 'batch nope' "
				+ "AND outcome = 'REFUSED' AND detail LIKE '%nope%'", before))
			.isEqualTo(1);
		assertThat(auditRows("id > ? AND actor = 'olivia'", before)).as("one row each").isEqualTo(2);
	}

	@Test
	void theServiceAccountActsUnderItsOwnNameAndShowsAsSuchInTheTrail() throws Exception {
		long before = lastAuditId();

		mvc.perform(as(get("/me"), SERVICE_TOKEN))
			.andExpect(jsonPath("$.user").value("nightly-pipeline"))
			.andExpect(jsonPath("$.kind").value("SERVICE"))
			.andExpect(jsonPath("$.role").value("operator"));
		mvc.perform(as(post("/batches"), SERVICE_TOKEN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"N\",\"merchantId\":\"acme\"}")).andExpect(status().isCreated());

		assertThat(auditRows("id > ? AND actor = 'nightly-pipeline' AND actor_kind = 'SERVICE' AND outcome = 'OK'",
				before))
			.isEqualTo(1);
	}

	@Test
	void meListsTheActionsOfEachRole() throws Exception {
		mvc.perform(as(get("/me"), person("vera", "viewer")))
			.andExpect(jsonPath("$.user").value("vera"))
			.andExpect(jsonPath("$.actions[*]", containsInAnyOrder("read")));
		mvc.perform(as(get("/me"), person("olivia", "operator")))
			.andExpect(jsonPath("$.actions[*]", containsInAnyOrder("read", "restart", "stop", "submit", "cancel")));
		mvc.perform(as(get("/me"), person("ada", "admin")))
			.andExpect(jsonPath("$.actions[*]",
					containsInAnyOrder("read", "restart", "stop", "submit", "cancel", "audit", "tokens")));
	}

	@Test
	void anAdminManagesTokensAndReadsTheTrailOverHttpAndAnOperatorMayNot() throws Exception {
		String admin = person("ada", "admin");
		String operator = person("olivia", "operator");

		String made = mvc
			.perform(as(post("/tokens"), admin).contentType(MediaType.APPLICATION_JSON)
				.content("{\"user\":\"walt\",\"role\":\"viewer\",\"expires\":\"12h\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = JsonPath.read(made, "$.token");
		String id = JsonPath.read(made, "$.id");
		mvc.perform(as(get("/me"), token)).andExpect(jsonPath("$.user").value("walt"));
		mvc.perform(as(get("/tokens"), operator)).andExpect(status().isForbidden());
		mvc.perform(as(get("/audit?user=ada&since=1h"), operator)).andExpect(status().isForbidden());
		mvc.perform(as(get("/audit?user=ada&since=1h"), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].action").value("token.create"))
			.andExpect(jsonPath("$[0].target").value(id + " for walt as viewer"));
		mvc.perform(as(delete("/tokens/" + id), admin)).andExpect(status().isNoContent());
		mvc.perform(as(get("/me"), token)).andExpect(status().isUnauthorized());
		mvc.perform(as(get("/tokens"), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == '" + id + "')].status").value("revoked"));
	}

	static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

}
