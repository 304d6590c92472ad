package com.settlebatch.security;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.batches.BatchLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.opaqueToken;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The batch edits of the API record their audit row in the transaction of their change:
 * one row per action, under the signed-in person (given by spring-security-test), none
 * for a change that did not commit, and one REFUSED row for a refused change although its
 * transaction rolled back.
 */
class BatchAuditFunctionalTests extends SecurityTestSupport {

	@Autowired
	BatchLifecycle lifecycle;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void submittingABatchAsAnOperatorWritesExactlyOneOkRow() throws Exception {
		// given a draft with a payment
		String batch = draft();
		addPayments(batch, "p-1");
		long before = lastAuditId();

		// when the operator submits it
		mvc.perform(operator(post("/batches/" + batch + "/submit"))).andExpect(status().isOk());

		// then it is SUBMITTED and the trail has one row, the submit's
		assertThat(batchStatus(batch)).isEqualTo("SUBMITTED");
		assertThat(rowsSince(before)).containsExactly(List.of("batch.submit", "batch " + batch, "OK"));
		assertThat(auditRows("id > ? AND actor = 'olivia' AND actor_kind = 'PERSON' AND role = 'operator' "
				+ "AND origin = 'API' AND host IS NOT NULL AND correlation_id IS NOT NULL", before))
			.isEqualTo(1);
	}

	@Test
	void aSubmitThatRollsBackLeavesNoOkRow() throws Exception {
		// given a draft with a payment
		String batch = draft();
		addPayments(batch, "p-1");
		long before = lastAuditId();

		// when its submit runs in a transaction that then rolls back
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			lifecycle.submit(batch);
			assertThat(auditRows("id > ? AND action = 'batch.submit' AND outcome = 'OK'", before))
				.as("seen inside the transaction")
				.isEqualTo(1);
			tx.setRollbackOnly();
		});

		// then the row went with the change
		assertThat(batchStatus(batch)).isEqualTo("DRAFT");
		assertThat(auditRows("id > ? AND action = 'batch.submit'", before)).isZero();
	}

	@Test
	void aSubmitWhoseRowCannotBeWrittenIsNotMadeAndTheAttemptStaysInTheTrail() throws Exception {
		// given a draft with a payment, and a trail that refuses its submit's rows
		String batch = draft();
		addPayments(batch, "p-1");
		long before = lastAuditId();

		// when the operator submits it
		try (var refusal = refuseRows("audit_event", "action <> 'batch.submit' OR target <> 'batch " + batch + "'")) {
			mvc.perform(operator(post("/batches/" + batch + "/submit"))).andExpect(status().is5xxServerError());
		}

		// then the change rolled back with its row, and the security chain's row tells
		// of the failed request
		assertThat(batchStatus(batch)).isEqualTo("DRAFT");
		assertThat(rowsSince(before))
			.containsExactly(List.of("POST /batches/{id}/submit", "/batches/" + batch + "/submit", "REFUSED"));
	}

	@Test
	void aRefusedSubmitWritesOneRefusedRowThoughItsTransactionRolledBack() throws Exception {
		// given a draft without payments
		String batch = draft();
		long before = lastAuditId();

		// when the operator submits it
		mvc.perform(operator(post("/batches/" + batch + "/submit"))).andExpect(status().isConflict());

		// then it is still a draft, and the trail has one REFUSED row that says why
		assertThat(batchStatus(batch)).isEqualTo("DRAFT");
		assertThat(rowsSince(before)).containsExactly(List.of("batch.submit", "batch " + batch, "REFUSED"));
		assertThat(auditRows("id > ? AND detail LIKE '%has no payments%'", before)).isEqualTo(1);
	}

	@Test
	void everyEditOfADraftIsOneRowNamedForWhatItDid() throws Exception {
		long before = lastAuditId();

		// when the operator makes a draft, changes it, gives it payments, removes one and
		// cancels it
		String batch = draft();
		mvc.perform(operator(put("/batches/" + batch)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Renamed\"}")).andExpect(status().isOk());
		List<String> payments = addPayments(batch, "p-1", "p-2");
		mvc.perform(operator(delete("/payments/" + payments.get(1)))).andExpect(status().isNoContent());
		mvc.perform(operator(post("/batches/" + batch + "/cancel"))).andExpect(status().isOk());

		// then each is one row, in the order made
		assertThat(rowsSince(before)).containsExactly(List.of("batch.create", "batch " + batch, "OK"),
				List.of("batch.update", "batch " + batch, "OK"),
				List.of("payment.add", "batch " + batch + ", 2 payments " + payments.get(0) + " to " + payments.get(1),
						"OK"),
				List.of("payment.remove", "payment " + payments.get(1), "OK"),
				List.of("batch.cancel", "batch " + batch, "OK"));
	}

	/** Olivia, an operator, as spring-security-test signs her in. */
	private static MockHttpServletRequestBuilder operator(MockHttpServletRequestBuilder request) {
		return request.with(olivia());
	}

	private static RequestPostProcessor olivia() {
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_VIEWER"),
				new SimpleGrantedAuthority("ROLE_OPERATOR"));
		return opaqueToken()
			.principal(new DefaultOAuth2AuthenticatedPrincipal("olivia", Map.of("sub", "olivia"), authorities));
	}

	private String draft() throws Exception {
		String answer = mvc
			.perform(operator(post("/batches")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"N\",\"merchantId\":\"acme\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(answer, "$.id");
	}

	private List<String> addPayments(String batch, String... references) throws Exception {
		StringBuilder body = new StringBuilder("[");
		for (String reference : references) {
			body.append(body.length() > 1 ? "," : "").append("""
					{"referenceId": "%s", "type": "payment", "amount": "1.00", "currency": "USD",
					 "accountId": "acct-1"}""".formatted(reference));
		}
		String answer = mvc
			.perform(operator(post("/batches/" + batch + "/payments")).contentType(MediaType.APPLICATION_JSON)
				.content(body.append("]").toString()))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(answer, "$[*].id");
	}

	private String batchStatus(String batch) {
		return jdbc.sql("SELECT status FROM payment_batch WHERE id = ?").param(batch).query(String.class).single();
	}

	/** Olivia's rows since then, oldest first: action, target, outcome. */
	private List<List<String>> rowsSince(long before) {
		return jdbc
			.sql("SELECT action, target, outcome FROM audit_event WHERE id > ? AND actor = 'olivia' " + "ORDER BY id")
			.param(before)
			.query((row, n) -> List.of(row.getString(1), row.getString(2), row.getString(3)))
			.list();
	}

}
