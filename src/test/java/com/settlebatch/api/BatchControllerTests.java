package com.settlebatch.api;

import org.junit.jupiter.api.Test;

import static com.settlebatch.api.ApiTestSupport.authed;
import static com.settlebatch.api.ApiTestSupport.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code /batches} refuses before it reads or writes a batch, and what it answers
 * from the lifecycle alone.
 */
class BatchControllerTests extends ApiSliceTestSupport {

	@Test
	void aBatchBodyIsJudgedLikeAnImportedOneAndEveryProblemIsNamed() throws Exception {
		mvc.perform(json(post("/batches"), """
				{"externalId": "=HYPERLINK()", "colour": "red"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("bad_request"))
			.andExpect(jsonPath("$.parameter").value("colour"))
			.andExpect(jsonPath("$.problems[*].field")
				.value(containsInAnyOrder("colour", "externalId", "name", "merchantId")));
		mvc.perform(json(post("/batches"), """
				{"name": "n", "merchantId": "a b", "processInSequence": "yes"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.problems[?(@.field == 'merchantId')].reason")
				.value(hasItem(containsString("letters, digits"))))
			.andExpect(jsonPath("$.problems[?(@.field == 'processInSequence')]").exists());
		mvc.perform(json(post("/batches"), """
				{"name": "n"
				""")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("body"));
		mvc.perform(json(post("/batches"), """
				[{"name": "n", "merchantId": "m"}]"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("body"));
		mvc.perform(authed(post("/batches")).contentType("text/plain").content("name=n"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.error").value("unsupported_media_type"));
		assertNothingChanged();
	}

	@Test
	void aBadListParameterIsRefusedByName() throws Exception {
		badParameter("openedge", "2017-10-03", "YYYYmmdd");
		badParameter("closedlt", "20170231", "YYYYmmdd");
		badParameter("openedgt", "20171003+0100", "YYYYmmdd");
		badParameter("limit", "0", "from 1 to 1000");
		badParameter("limit", "1001", "from 1 to 1000");
		badParameter("limit", "ten", "whole number");
		badParameter("offset", "-1", "whole number");
		badParameter("status", "closed", "one of DRAFT, SUBMITTED");
		badParameter("openedgte", "20171003", "unknown query parameter");
		mvc.perform(authed(get("/batches").param("limit", "5").param("limit", "6")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"));
		verifyNoInteractions(batchQueries);
	}

	@Test
	void theStatusCodesComeFromTheLifecycle() throws Exception {
		mvc.perform(authed(get("/batches/statusCodes")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(5)))
			.andExpect(jsonPath("$[0].code").value("DRAFT"))
			.andExpect(jsonPath("$[0].description").value(containsString("Editable")))
			.andExpect(jsonPath("$[4].code").value("CANCELLED"));
	}

	private void badParameter(String name, String value, String reason) throws Exception {
		mvc.perform(authed(get("/batches").param(name, value)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("bad_request"))
			.andExpect(jsonPath("$.parameter").value(name))
			.andExpect(jsonPath("$.message").value(containsString(reason)));
	}

}
