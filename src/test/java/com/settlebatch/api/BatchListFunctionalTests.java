package com.settlebatch.api;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The USAePay batch list: newest first, limit/offset/total, date filters in YYYYmmdd, and
 * what it refuses.
 */
class BatchListFunctionalTests extends ApiTestSupport {

	@Test
	void newestFirstTwentyByDefaultWithTheTotal() throws Exception {
		for (int day = 1; day <= 25; day++) {
			insertBatch("acme", "DRAFT", LocalDateTime.of(2017, 9, day, 10, 0), null, null);
		}
		mvc.perform(authed(get("/batches")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("list"))
			.andExpect(jsonPath("$.limit").value(20))
			.andExpect(jsonPath("$.offset").value(0))
			.andExpect(jsonPath("$.total").value(25))
			.andExpect(jsonPath("$.data", hasSize(20)))
			.andExpect(jsonPath("$.data[0].type").value("batch"))
			.andExpect(jsonPath("$.data[0].opened").value("2017-09-25 10:00:00"))
			.andExpect(jsonPath("$.data[19].opened").value("2017-09-06 10:00:00"));
		mvc.perform(authed(get("/batches").param("limit", "5").param("offset", "22")))
			.andExpect(jsonPath("$.limit").value(5))
			.andExpect(jsonPath("$.offset").value(22))
			.andExpect(jsonPath("$.data[*].opened")
				.value(contains("2017-09-03 10:00:00", "2017-09-02 10:00:00", "2017-09-01 10:00:00")));
	}

	@Test
	void dateFiltersFollowTheUsaepayExamples() throws Exception {
		insertBatch("acme", "CLOSED", LocalDateTime.of(2017, 10, 2, 9, 27), LocalDateTime.of(2017, 10, 2, 17, 1), 1L);
		insertBatch("acme", "CLOSED", LocalDateTime.of(2017, 10, 3, 10, 8), LocalDateTime.of(2017, 10, 3, 10, 31), 2L);
		insertBatch("globex", "CLOSED", LocalDateTime.of(2017, 10, 3, 10, 46), LocalDateTime.of(2017, 10, 4, 10, 31),
				1L);
		insertBatch("acme", "DRAFT", LocalDateTime.of(2017, 10, 4, 14, 1), null, null);

		// "batches which opened on exactly October 3rd"
		mvc.perform(authed(get("/batches").param("openedge", "20171003").param("openedlt", "20171004")))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.data[*].opened").value(contains("2017-10-03 10:46:00", "2017-10-03 10:08:00")));
		mvc.perform(authed(get("/batches").param("openedgt", "20171003")))
			.andExpect(jsonPath("$.data[*].opened").value(contains("2017-10-04 14:01:00")));
		mvc.perform(authed(get("/batches").param("openedle", "20171002"))).andExpect(jsonPath("$.total").value(1));
		mvc.perform(authed(get("/batches").param("closedge", "20171003").param("closedle", "20171003")))
			.andExpect(jsonPath("$.data[*].closed").value(contains("2017-10-03 10:31:00")))
			.andExpect(jsonPath("$.data[0].batchnum").value(2));
		mvc.perform(authed(get("/batches").param("closedgt", "20171001"))).andExpect(jsonPath("$.total").value(3));
		mvc.perform(authed(get("/batches").param("closedlt", "20171003"))).andExpect(jsonPath("$.total").value(1));
		mvc.perform(authed(get("/batches").param("merchant", "globex")))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.data[0].merchantId").value("globex"));
		mvc.perform(authed(get("/batches").param("status", "DRAFT")))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.data[0].closed").doesNotExist())
			.andExpect(jsonPath("$.data[0].batchnum").doesNotExist());
	}

}
