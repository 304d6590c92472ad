package com.settlebatch.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.settlebatch.batches.BatchStatus;
import com.settlebatch.batches.BatchSummary;

import static com.settlebatch.api.ApiTestSupport.authed;
import static com.settlebatch.api.ApiTestSupport.json;
import static com.settlebatch.api.ApiTestSupport.payment;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code POST /batches/{id}/payments} refuses before it stores anything: the
 * import's validation, all or nothing.
 */
class PaymentControllerTests extends ApiSliceTestSupport {

	private static final String DRAFT = "b-draft";

	@BeforeEach
	void givenADraftBatch() {
		given(batchQueries.find(DRAFT)).willReturn(Optional.of(new BatchSummary(DRAFT, null, "B", "acme",
				BatchStatus.DRAFT, null, OffsetDateTime.now(), null, null, 0, 0, 0, 0, 0, 0, List.of())));
	}

	@Test
	void oneBadPaymentRefusesTheRequestAndEveryProblemIsListed() throws Exception {
		mvc.perform(json(post("/batches/" + DRAFT + "/payments"),
				"[" + payment("ok", "1.00", "acct-1") + "," + """
						{"referenceId": "bad", "type": "gift", "amount": "12.345", "currency": "USD",
						 "accountId": "+1", "customData": [1], "extra": 1}""" + "," + payment("neg", "-3.00", "acct-1")
						+ ", 7]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("bad_request"))
			.andExpect(jsonPath("$.problems[?(@.path == '$[1]')].field")
				.value(containsInAnyOrder("extra", "customData", "type", "amount", "accountId")))
			.andExpect(jsonPath("$.problems[?(@.path == '$[1]' && @.field == 'amount')].reason")
				.value(contains("has 3 decimals but USD allows 2")))
			.andExpect(jsonPath("$.problems[?(@.path == '$[2]')].reason").value(contains("must not be negative")))
			.andExpect(jsonPath("$.problems[?(@.path == '$[3]')].reason")
				.value(contains(containsString("must be a JSON object"))));
		assertNothingChanged();
	}

	@Test
	void malformedBodiesAreRefusedAsTheBody() throws Exception {
		for (String body : List.of("", "{", """
				{"referenceId": "a"} {}""", "[]", """
				{"referenceId": "a", "referenceId": "b"}""")) {
			mvc.perform(json(post("/batches/" + DRAFT + "/payments"), body)).andExpect(status().isBadRequest());
		}
		assertNothingChanged();
	}

	@Test
	void aBadListParameterIsRefusedByName() throws Exception {
		mvc.perform(authed(get("/batches/" + DRAFT + "/payments").param("status", "PAID")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("status"));
	}

	@Test
	void theStatusCodesComeFromThePaymentOutcomes() throws Exception {
		mvc.perform(authed(get("/payments/statusCodes")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code")
				.value(contains("PENDING", "SETTLED", "DECLINED", "FAILED", "SKIPPED", "CANCELLED")));
	}

}
