package com.settlebatch.reconciliation;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.hamcrest.Matchers.hasSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /reconciliations?date=}, {@code GET /reconciliations/recent} and {@code POST
 * /reconciliations/exceptions/{id}/resolve}, behind the API token.
 */
class ReconciliationApiFunctionalTests extends ReconciliationTestSupport {

	@Test
	void aDatesReconciliationIsReadAndItsExceptionResolvedOverRest() throws Exception {
		// given a date reconciled with one settled payment and one unknown charge
		settleToday("h-1,Http,m-h,h-ok,payment,10.00,USD,acct-1\n");
		chargeBehindOurBack(UUID.randomUUID().toString(), "stranger-3", 125, "USD", "acct-3");
		long executionId = reconciliations.reconcile(TODAY).execution().getId();
		long id = reconciliations.latest(TODAY).orElseThrow().exceptions().get(0).id();

		// when it is read, then resolved
		mvc.perform(get("/reconciliations").param("date", TODAY.toString()).header(HttpHeaders.AUTHORIZATION, bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.businessDate", is(TODAY.toString())))
			.andExpect(jsonPath("$.executionId", is((int) executionId)))
			.andExpect(jsonPath("$.counts.MATCHED", is(1)))
			.andExpect(jsonPath("$.counts.UNKNOWN_TO_US", is(1)))
			.andExpect(jsonPath("$.exceptions[0].gatewayAmount", is("1.25")))
			.andExpect(jsonPath("$.exceptions[0].resolvedAt").doesNotExist());
		mvc.perform(get("/reconciliations/recent").header(HttpHeaders.AUTHORIZATION, bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dates", hasSize(1)))
			.andExpect(jsonPath("$.openExceptions[0].id", is((int) id)));
		mvc.perform(post("/reconciliations/exceptions/{id}/resolve", id).header(HttpHeaders.AUTHORIZATION, bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"remark\": \"the gateway's own test charge\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.remark", is("the gateway's own test charge")))
			.andExpect(jsonPath("$.resolvedBy", is("recon-tests")));
		assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'reconciliation.resolve' AND target = ?")
			.param("reconciliation exception " + id)
			.query(String.class)
			.list()).as("one audit row, in the resolution's transaction").containsExactly("recon-tests");

		// then it stays visible, resolved, and the refusals have the API's shape
		mvc.perform(get("/reconciliations/recent").header(HttpHeaders.AUTHORIZATION, bearer()))
			.andExpect(jsonPath("$.openExceptions", hasSize(0)));
		mvc.perform(post("/reconciliations/exceptions/{id}/resolve", id).header(HttpHeaders.AUTHORIZATION, bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"remark\": \"again\"}")).andExpect(status().isConflict());
		mvc.perform(
				post("/reconciliations/exceptions/{id}/resolve", id + 99).header(HttpHeaders.AUTHORIZATION, bearer())
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"remark\": \"x\"}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error", is("not_found")));
		mvc.perform(get("/reconciliations").param("date", TODAY.plusDays(1).toString())
			.header(HttpHeaders.AUTHORIZATION, bearer())).andExpect(status().isNotFound());
		mvc.perform(get("/reconciliations").param("date", "21/11/2026").header(HttpHeaders.AUTHORIZATION, bearer()))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/reconciliations").param("date", TODAY.toString())).andExpect(status().isUnauthorized());
	}

	private static String bearer() {
		return "Bearer " + TOKEN;
	}

}
