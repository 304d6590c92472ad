package com.settlebatch.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.settlebatch.batches.BatchQueries;

import static com.settlebatch.api.ApiTestSupport.TOKEN;
import static com.settlebatch.api.ApiTestSupport.authed;
import static com.settlebatch.api.ApiTestSupport.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Without the bearer token every endpoint answers 401 and nothing changes. */
class ApiAuthTests extends ApiSliceTestSupport {

	private static final List<String> WRONG = List.of("", "Bearer", "Bearer ", "Bearer wrong-token",
			"Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN, TOKEN);

	@Test
	void noTokenOrAWrongOneIsRefusedAndChangesNothing() throws Exception {
		String batch = "b-1";
		String paymentId = "p-1";
		for (String authorization : WRONG) {
			refused(post("/batches").contentType(MediaType.APPLICATION_JSON).content("""
					{"name": "N", "merchantId": "m"}"""), authorization);
			refused(put("/batches/" + batch).contentType(MediaType.APPLICATION_JSON).content("""
					{"name": "X"}"""), authorization);
			refused(post("/batches/" + batch + "/payments").contentType(MediaType.APPLICATION_JSON)
				.content(payment("p-2", "1.00", "acct-1")), authorization);
			refused(delete("/payments/" + paymentId), authorization);
			refused(post("/batches/" + batch + "/submit"), authorization);
			refused(post("/batches/" + batch + "/cancel"), authorization);
			refused(get("/batches"), authorization);
			refused(get("/batches/" + batch), authorization);
			refused(get("/batches/statusCodes"), authorization);
			refused(get("/payments/statusCodes"), authorization);
			refused(get("/executions"), authorization);
			refused(post("/executions/1/restart"), authorization);
			refused(get("/no/such/path"), authorization);
			refused(get("/actuator/prometheus"), authorization);
		}
		// a refused request never reaches a controller: not even a read was made
		assertNothingChanged();
		verifyNoInteractions(batchQueries, executionQueries);
	}

	@Test
	void theSchemeIsCaseInsensitive() throws Exception {
		mvc.perform(get("/batches/statusCodes").header(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN))
			.andExpect(status().isOk());
	}

	@Test
	void theOpenApiDocumentAndTheHealthCheckNeedNoToken() throws Exception {
		mvc.perform(get("/openapi.yaml"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, startsWith("application/yaml")));
		mvc.perform(get("/actuator/health")).andExpect(status().is(not(401)));
	}

	@Test
	void unknownPathsBehindTheTokenAreNotFoundInTheApiShape() throws Exception {
		mvc.perform(authed(get("/no/such/path")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("not_found"));
		mvc.perform(authed(delete("/batches/statusCodes")))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.error").value("method_not_allowed"));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void neitherTheTokenNorAWrongOneIsEverLogged(CapturedOutput output) throws Exception {
		given(batchQueries.list(any(), anyInt(), anyInt())).willReturn(new BatchQueries.Page(List.of(), 20, 0, 0));

		mvc.perform(authed(get("/batches"))).andExpect(status().isOk());
		mvc.perform(get("/batches").header(HttpHeaders.AUTHORIZATION, "Bearer guess-9c1a7e"))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/batches/nope").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isNotFound());

		assertThat(output.getAll()).contains("API request refused")
			.doesNotContain(TOKEN)
			.doesNotContain("guess-9c1a7e");
	}

	private void refused(MockHttpServletRequestBuilder request, String authorization) throws Exception {
		if (!authorization.isEmpty()) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		mvc.perform(request)
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
			.andExpect(jsonPath("$.error").value("unauthorized"));
	}

}
