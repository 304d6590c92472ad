package com.settlebatch.api;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Payments of a DRAFT batch through the API: the import's validation, all or nothing,
 * dependencies, removal.
 */
class PaymentApiFunctionalTests extends ApiTestSupport {

	@Test
	void oneObjectAddsOnePaymentWithItsExactAmount() throws Exception {
		String batch = createBatch("B", null, "acme");
		String answer = mvc.perform(json(post("/batches/" + batch + "/payments"), """
				{"referenceId": "p-1", "type": "payment", "amount": 12.10, "currency": "USD",
				 "accountId": "acct-1", "customData": {"fee": 0.10, "tags": ["a"]}}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, containsString("/payments/")))
			.andExpect(jsonPath("$.batchId").value(batch))
			.andExpect(jsonPath("$.amount").value("12.10"))
			.andExpect(jsonPath("$.statusCode").value("PENDING"))
			.andExpect(jsonPath("$.uniqueKey").isNotEmpty())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(answer, "$.id");
		assertThat(jdbc.sql("SELECT custom_data FROM payment WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("""
					{"fee":0.10,"tags":["a"]}""");
		mvc.perform(authed(get("/payments/" + id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.referenceId").value("p-1"))
			.andExpect(jsonPath("$.amount").value("12.10"));
	}

	@Test
	void anArrayAddsPaymentsInOrderAndAChildMayNameAnEarlierParent() throws Exception {
		String batch = createBatch("B", null, "acme");
		mvc.perform(json(post("/batches/" + batch + "/payments"), "[" + payment("parent", "5", "acct-1") + "," + """
				{"referenceId": "child", "type": "refund", "amount": "1000", "currency": "JPY",
				 "accountId": "acct-1", "dependsOn": "parent"}""" + "]"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].amount").value("5.00"))
			.andExpect(jsonPath("$[1].amount").value("1000"))
			.andExpect(jsonPath("$[1].dependsOn").value("parent"));
		addPayments(batch, """
				{"referenceId": "grandchild", "type": "refund", "amount": "1", "currency": "USD",
				 "accountId": "acct-1", "dependsOn": "child"}""");
		mvc.perform(authed(get("/batches/" + batch + "/payments")))
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.data[*].referenceId").value(contains("parent", "child", "grandchild")));
	}

	@Test
	void aReferenceIdIsUniqueInItsBatch() throws Exception {
		String batch = createBatch("B", null, "acme");
		addPayments(batch, payment("p-1", "1.00", "acct-1"));
		mvc.perform(json(post("/batches/" + batch + "/payments"),
				"[" + payment("p-2", "1.00", "acct-1") + "," + payment("p-1", "2.00", "acct-1") + "]"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.parameter").value("referenceId"))
			.andExpect(jsonPath("$.message").value(containsString("already in batch")));
		mvc.perform(json(post("/batches/" + batch + "/payments"),
				"[" + payment("p-3", "1.00", "acct-1") + "," + payment("p-3", "2.00", "acct-1") + "]"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("given twice in this request")));
		assertThat(rows("payment")).isEqualTo(1);
	}

	@Test
	void cardDataInCustomDataOrAsTheAccountIdIsRefusedWithoutEchoingTheNumber() throws Exception {
		// given a draft batch
		String batch = createBatch("B", null, "acme");

		// when payments carrying card numbers are posted
		String answer = mvc.perform(json(post("/batches/" + batch + "/payments"), """
				[{"referenceId": "p-1", "type": "payment", "amount": "1", "currency": "USD", "accountId": "acct-1",
				  "customData": {"card": "4111 1111 1111 1111"}},
				 {"referenceId": "p-2", "type": "payment", "amount": "1", "currency": "USD",
				  "accountId": "5500000000000004"}]"""))
			// then both are refused, saying why, and the numbers show masked only
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.problems[0].path").value("$[0]"))
			.andExpect(jsonPath("$.problems[0].field").value("customData"))
			.andExpect(jsonPath("$.problems[0].reason", containsString("must not carry card data")))
			.andExpect(jsonPath("$.problems[1].path").value("$[1]"))
			.andExpect(jsonPath("$.problems[1].field").value("accountId"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(answer).doesNotContain("4111 1111 1111 1111", "4111111111111111", "5500000000000004");
		assertThat(rows("payment")).isZero();
	}

	@Test
	void aParentMustExistFirstSoNoCycleCanForm() throws Exception {
		String batch = createBatch("B", null, "acme");
		mvc.perform(json(post("/batches/" + batch + "/payments"),
				"""
						[{"referenceId": "a", "type": "payment", "amount": "1", "currency": "USD", "accountId": "x", "dependsOn": "b"},
						 {"referenceId": "b", "type": "payment", "amount": "1", "currency": "USD", "accountId": "x", "dependsOn": "a"}]"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("dependsOn"))
			.andExpect(jsonPath("$.problems[0].path").value("$[0]"));
		assertThat(rows("payment")).isZero();
	}

	@Test
	void onlyADraftTakesPaymentsAndItsBatchMustExist() throws Exception {
		String batch = createBatch("B", null, "acme");
		addPayments(batch, payment("p-1", "1.00", "acct-1"));
		mvc.perform(authed(post("/batches/" + batch + "/submit"))).andExpect(status().isOk());
		mvc.perform(json(post("/batches/" + batch + "/payments"), payment("p-2", "1.00", "acct-1")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.parameter").value("statusCode"))
			.andExpect(jsonPath("$.message").value(containsString("is SUBMITTED")));
		mvc.perform(json(post("/batches/nope/payments"), payment("p-2", "1.00", "acct-1")))
			.andExpect(status().isNotFound());
		assertThat(rows("payment")).isEqualTo(1);
	}

	@Test
	void aPaymentIsRemovedOnlyFromADraftAndNotWhileAChildDependsOnIt() throws Exception {
		String batch = createBatch("B", null, "acme");
		addPayments(batch, "[" + payment("parent", "1.00", "acct-1") + "," + """
				{"referenceId": "child", "type": "refund", "amount": "1", "currency": "USD", "accountId": "acct-1",
				 "dependsOn": "parent"}""" + "]");
		List<String> ids = jdbc.sql("SELECT id FROM payment ORDER BY seq").query(String.class).list();

		mvc.perform(authed(delete("/payments/" + ids.get(0))))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("[child] depend on it")));
		mvc.perform(authed(delete("/payments/" + ids.get(1)))).andExpect(status().isNoContent());
		mvc.perform(authed(get("/payments/" + ids.get(1)))).andExpect(status().isNotFound());
		mvc.perform(authed(delete("/payments/" + ids.get(1)))).andExpect(status().isNotFound());

		mvc.perform(authed(post("/batches/" + batch + "/submit"))).andExpect(status().isOk());
		mvc.perform(authed(delete("/payments/" + ids.get(0))))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("only while it is DRAFT")));
		assertThat(rows("payment")).isEqualTo(1);
	}

	@Test
	void theListIsPagedAndFilteredByStatus() throws Exception {
		String batch = createBatch("B", null, "acme");
		addPayments(batch, "[" + payment("p-1", "1.00", "acct-1") + "," + payment("p-2", "2.00", "acct-1") + ","
				+ payment("p-3", "3.00", "acct-1") + "]");
		mvc.perform(authed(get("/batches/" + batch + "/payments").param("status", "PENDING")
			.param("limit", "2")
			.param("offset", "1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.data[*].referenceId").value(contains("p-2", "p-3")));
		mvc.perform(authed(get("/batches/" + batch + "/payments").param("status", "SETTLED")))
			.andExpect(jsonPath("$.total").value(0));
		mvc.perform(authed(get("/batches/nope/payments"))).andExpect(status().isNotFound());
	}

}
