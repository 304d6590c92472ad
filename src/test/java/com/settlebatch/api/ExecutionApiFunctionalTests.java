package com.settlebatch.api;

import java.time.LocalDate;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Job executions through the API, with JobControl's refusals mapped to 404/409 and a
 * failed restart still a 200.
 */
class ExecutionApiFunctionalTests extends ApiTestSupport {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	@Autowired
	JobControl jobControl;

	@Test
	void executionsAreListedNewestFirstAndShownWithTheirSteps() throws Exception {
		String batch = createBatch("B", null, "acme");
		addPayments(batch,
				"[" + payment("ok", "1.00", "acct-ok") + "," + payment("no", "2.00", "acct-blocked-1") + "]");
		mvc.perform(authed(post("/batches/" + batch + "/submit"))).andExpect(status().isOk());
		long first = jobControl.settle(DAY).getId();
		long second = jobControl.settle(DAY.plusDays(1)).getId();

		mvc.perform(authed(get("/executions")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("list"))
			.andExpect(jsonPath("$.limit").value(20))
			.andExpect(jsonPath("$.data[0].id").value(second))
			.andExpect(jsonPath("$.data[1].id").value(first))
			.andExpect(jsonPath("$.data[1].job").value("settlement"))
			// each listed run with its own identifying parameters, all read in one
			// statement
			.andExpect(jsonPath("$.data[0].parameters").value(containsString("businessDate=2026-11-22")))
			.andExpect(jsonPath("$.data[1].parameters").value(containsString("businessDate=2026-11-21")))
			.andExpect(jsonPath("$.data[1].parameters").value(not(containsString("2026-11-22"))))
			// each step's own counts: the declined payment skipped in the settle pass,
			// the batch written by the closing step; no sum over steps that count
			// different things
			.andExpect(jsonPath("$.data[1].steps[?(@.step == 'settlePayments')].skipped").value(hasItem(1)))
			.andExpect(jsonPath("$.data[1].steps[?(@.step == 'settlePayments')].written").value(hasItem(1)))
			.andExpect(jsonPath("$.data[1].steps[?(@.step == 'closeBatches')].written").value(hasItem(1)))
			.andExpect(jsonPath("$.data[1].read").doesNotExist())
			// and times with their offset: RFC 3339, in UTC
			.andExpect(jsonPath("$.data[1].start").value(endsWith("Z")))
			.andExpect(jsonPath("$.data[1].end").value(endsWith("Z")));
		mvc.perform(authed(get("/executions").param("job", "settlement").param("limit", "1")))
			.andExpect(jsonPath("$.data", hasSize(1)));
		mvc.perform(authed(get("/executions").param("job", "import"))).andExpect(jsonPath("$.data", hasSize(0)));

		mvc.perform(authed(get("/executions/" + first)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.parameters").value(containsString("businessDate=2026-11-21")))
			.andExpect(jsonPath("$.start").value(endsWith("Z")))
			.andExpect(jsonPath("$.end").value(endsWith("Z")))
			.andExpect(jsonPath("$.counts").doesNotExist())
			.andExpect(jsonPath("$.failure").doesNotExist())
			.andExpect(jsonPath("$.steps[?(@.step == 'settlePayments')].writeSkips").value(hasItem(1)));
	}

	@Test
	void refusalsAreNotFoundOrConflict() throws Exception {
		String batch = createBatch("B", null, "acme");
		addPayments(batch, payment("ok", "1.00", "acct-ok"));
		mvc.perform(authed(post("/batches/" + batch + "/submit"))).andExpect(status().isOk());
		long done = jobControl.settle(DAY).getId();

		mvc.perform(authed(post("/executions/" + done + "/restart")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("is already complete (execution " + done + ")")));
		mvc.perform(authed(post("/executions/" + done + "/stop")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("is not running")));
		mvc.perform(authed(get("/executions/999999")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.parameter").value("id"));
		mvc.perform(authed(post("/executions/999999/restart"))).andExpect(status().isNotFound());
	}

	@Test
	void aRestartThatFailsAgainIsStillAnAnswerAndTheNextOneCompletes() throws Exception {
		String batch = createBatch("B", null, "acme");
		addPayments(batch, "[" + payment("r-1", "1.00", "acct-1") + "," + payment("r-2", "2.00", "acct-2") + "]");
		mvc.perform(authed(post("/batches/" + batch + "/submit"))).andExpect(status().isOk());
		// A crash after the gateway charged r-2: its outcome cannot be stored.
		jdbc.sql(
				"ALTER TABLE payment ADD CONSTRAINT api_test_crash CHECK (status <> 'SETTLED' OR reference_id <> 'r-2')")
			.update();
		JobExecution failed;
		long again;
		try {
			failed = jobControl.settle(DAY);
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			String answer = mvc.perform(authed(post("/executions/" + failed.getId() + "/restart")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("FAILED"))
				.andExpect(jsonPath("$.failure").isNotEmpty())
				.andExpect(jsonPath("$.id").value(not(failed.getId())))
				.andReturn()
				.getResponse()
				.getContentAsString();
			again = ((Number) JsonPath.read(answer, "$.id")).longValue();
		}
		finally {
			jdbc.sql("ALTER TABLE payment DROP CONSTRAINT api_test_crash").update();
		}
		mvc.perform(authed(post("/executions/" + again + "/restart")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"));
		mvc.perform(authed(get("/batches/" + batch)))
			.andExpect(jsonPath("$.statusCode").value("CLOSED"))
			.andExpect(jsonPath("$.counts.settled").value(2));
	}

}
