package com.settlebatch.api;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The 6DOT50 batch lifecycle through the API, up to a settlement run that closes the
 * batch.
 */
class BatchApiFunctionalTests extends ApiTestSupport {

	@Autowired
	JobControl jobControl;

	@Test
	void aNewBatchIsDraftWithItsIdAndLocation() throws Exception {
		mvc.perform(json(post("/batches"), """
				{"name": "Test Batch 1", "externalId": "testbatch1", "merchantId": "acme"}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, containsString("/batches/")))
			.andExpect(jsonPath("$.name").value("Test Batch 1"))
			.andExpect(jsonPath("$.externalId").value("testbatch1"))
			.andExpect(jsonPath("$.merchantId").value("acme"))
			.andExpect(jsonPath("$.statusCode").value("DRAFT"))
			.andExpect(jsonPath("$.processInSequence").value(false))
			.andExpect(jsonPath("$.createdAt").value(endsWith("Z")))
			.andExpect(jsonPath("$.batchnum").value(nullValue()));
		assertThat(jdbc.sql("SELECT status FROM payment_batch WHERE external_id = 'testbatch1'")
			.query(String.class)
			.single()).isEqualTo("DRAFT");
	}

	@Test
	void anExternalIdIsUniqueAcrossAllBatches() throws Exception {
		String first = createBatch("One", "ext-1", "acme");
		mvc.perform(json(post("/batches"), """
				{"name": "Two", "externalId": "ext-1", "merchantId": "globex"}"""))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.parameter").value("externalId"))
			.andExpect(jsonPath("$.message").value(containsString(first)));
		String second = createBatch("Two", "ext-2", "acme");
		mvc.perform(json(put("/batches/" + second), """
				{"externalId": "ext-1"}""")).andExpect(status().isConflict());
		assertThat(rows("payment_batch")).isEqualTo(2);
	}

	@Test
	void oneBatchOrNotFound() throws Exception {
		String id = createBatch("One", null, "acme");
		mvc.perform(authed(get("/batches/" + id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.externalId").value(nullValue()))
			.andExpect(jsonPath("$.counts.payments").value(0));
		mvc.perform(authed(get("/batches/" + id.toUpperCase())))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("not_found"))
			.andExpect(jsonPath("$.message").value(containsString("case-sensitive")));
	}

	@Test
	void aDraftCanBeChangedAndNothingElseCan() throws Exception {
		String id = createBatch("Old", "ext-old", "acme");
		mvc.perform(json(put("/batches/" + id), """
				{"name": "New", "externalId": null, "processInSequence": true}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("New"))
			.andExpect(jsonPath("$.externalId").value(nullValue()))
			.andExpect(jsonPath("$.processInSequence").value(true));
		mvc.perform(json(put("/batches/" + id), """
				{"merchantId": "globex"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("merchantId"));
		mvc.perform(json(put("/batches/" + id), """
				{"name": ""}""")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("name"));

		addPayments(id, payment("p-1", "1.00", "acct-1"));
		mvc.perform(authed(post("/batches/" + id + "/submit"))).andExpect(status().isOk());
		mvc.perform(json(put("/batches/" + id), """
				{"name": "Later"}"""))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.parameter").value("statusCode"))
			.andExpect(jsonPath("$.message").value(containsString("only while it is DRAFT")));
		assertThat(jdbc.sql("SELECT name FROM payment_batch WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("New");
	}

	@Test
	void submitNeedsPaymentsAndHappensOnce() throws Exception {
		String id = createBatch("Empty", null, "acme");
		mvc.perform(authed(post("/batches/" + id + "/submit")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.error").value("conflict"))
			.andExpect(jsonPath("$.message").value(containsString("a batch without payments cannot be submitted")));
		assertThat(batchStatus(id)).isEqualTo("DRAFT");

		addPayments(id, payment("p-1", "1.00", "acct-1"));
		mvc.perform(authed(post("/batches/" + id + "/submit")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.statusCode").value("SUBMITTED"))
			.andExpect(jsonPath("$.counts.payments").value(1));
		mvc.perform(authed(post("/batches/" + id + "/submit")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("is SUBMITTED and cannot become SUBMITTED")));
		mvc.perform(authed(post("/batches/no-such-batch/submit"))).andExpect(status().isNotFound());
	}

	@Test
	void cancellingCancelsThePendingPayments() throws Exception {
		String id = createBatch("Doomed", null, "acme");
		addPayments(id, "[" + payment("p-1", "1.00", "acct-1") + "," + payment("p-2", "2.00", "acct-2") + "]");
		mvc.perform(authed(get("/batches/" + id))).andExpect(jsonPath("$.counts.payments").value(2));
		mvc.perform(authed(get("/batches"))).andExpect(jsonPath("$.data[0].counts.payments").value(2));
		mvc.perform(authed(post("/batches/" + id + "/cancel")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.statusCode").value("CANCELLED"));
		assertThat(jdbc.sql("SELECT DISTINCT status FROM payment").query(String.class).list())
			.containsExactly("CANCELLED");
		mvc.perform(authed(post("/batches/" + id + "/cancel"))).andExpect(status().isConflict());
	}

	@Test
	void aPageOfBatchesShowsEachClosedBatchWithItsOwnSettledTotals() throws Exception {
		String first = createBatch("First", "first-1", "acme");
		addPayments(first, "[" + payment("a", "10.00", "acct-ok-1") + "," + payment("b", "20.50", "acct-ok-2") + "]");
		String second = createBatch("Second", "second-1", "globex");
		addPayments(second, payment("c", "7.25", "acct-ok-3"));
		mvc.perform(authed(post("/batches/" + first + "/submit"))).andExpect(status().isOk());
		mvc.perform(authed(post("/batches/" + second + "/submit"))).andExpect(status().isOk());
		assertThat(jobControl.settle(LocalDate.of(2026, 11, 21)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String draft = createBatch("Draft", "draft-1", "acme");

		mvc.perform(authed(get("/batches")))
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.data[?(@.key == '" + first + "')].settledTotals[0].amount").value(hasItem("30.50")))
			.andExpect(jsonPath("$.data[?(@.key == '" + first + "')].settledTotals[0].count").value(hasItem(2)))
			.andExpect(jsonPath("$.data[?(@.key == '" + second + "')].settledTotals[0].amount").value(hasItem("7.25")))
			.andExpect(jsonPath("$.data[?(@.key == '" + second + "')].settledTotals[*]", hasSize(1)))
			.andExpect(jsonPath("$.data[?(@.key == '" + draft + "')].settledTotals[*]", hasSize(0)));
	}

	@Test
	void createAddSubmitSettleThenTheBatchIsClosedWithItsBatchnumAndCannotBeCancelled() throws Exception {
		String id = createBatch("Life", "life-1", "acme");
		addPayments(id, "[" + payment("ok-1", "10.00", "acct-ok-1") + "," + payment("ok-2", "20.50", "acct-ok-2") + ","
				+ payment("no", "5.00", "acct-blocked-3") + "]");
		mvc.perform(authed(post("/batches/" + id + "/submit"))).andExpect(status().isOk());

		assertThat(jobControl.settle(LocalDate.of(2026, 11, 21)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		mvc.perform(authed(get("/batches/" + id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.statusCode").value("CLOSED"))
			.andExpect(jsonPath("$.batchnum").value(1))
			.andExpect(jsonPath("$.closedAt").value(endsWith("Z")))
			.andExpect(jsonPath("$.businessDate").value("2026-11-21"))
			.andExpect(jsonPath("$.counts.settled").value(2))
			.andExpect(jsonPath("$.counts.declined").value(1))
			.andExpect(jsonPath("$.settledTotals[0].currency").value("USD"))
			.andExpect(jsonPath("$.settledTotals[0].amount").value("30.50"));
		mvc.perform(authed(get("/batches").param("status", "CLOSED")))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.data[0].key").value(id))
			.andExpect(jsonPath("$.data[0].batchnum").value(1))
			.andExpect(jsonPath("$.data[0].closed").value(matchesPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")));
		mvc.perform(authed(post("/batches/" + id + "/cancel")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("is CLOSED and cannot become CANCELLED")));
		assertThat(batchStatus(id)).isEqualTo("CLOSED");
	}

}
