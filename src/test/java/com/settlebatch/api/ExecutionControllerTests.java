package com.settlebatch.api;

import org.junit.jupiter.api.Test;

import static com.settlebatch.api.ApiTestSupport.authed;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What {@code /executions} refuses before it asks for a job execution. */
class ExecutionControllerTests extends ApiSliceTestSupport {

	@Test
	void anIdThatIsNoNumberOrALimitOutOfRangeIsABadRequestByName() throws Exception {
		mvc.perform(authed(get("/executions/abc")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("id"))
			.andExpect(jsonPath("$.message").value(containsString("whole number")));
		mvc.perform(authed(get("/executions").param("limit", "0")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"));
		verifyNoInteractions(jobControl, executionQueries);
	}

}
