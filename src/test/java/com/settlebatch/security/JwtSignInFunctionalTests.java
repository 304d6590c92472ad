package com.settlebatch.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static com.settlebatch.security.SignInFunctionalTests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * JWTs of the identity provider, signed with its test RSA key and checked against its JWK
 * set over HTTP, on the same server as the product's tokens.
 */
class JwtSignInFunctionalTests extends SecurityTestSupport {

	@Test
	void aJwtSignsInThePersonItNamesWithTheRoleOfItsRolesClaim() throws Exception {
		String jane = jwt(claims("5e1f-77", "jane", List.of("operator", "some-other-group")));
		long before = lastAuditId();

		mvc.perform(as(get("/me"), jane))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.user").value("jane"))
			.andExpect(jsonPath("$.role").value("operator"))
			.andExpect(jsonPath("$.kind").value("PERSON"));
		mvc.perform(as(post("/batches"), jane).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"N\",\"merchantId\":\"acme\"}")).andExpect(status().isCreated());

		assertThat(auditRows("id > ? AND actor = 'jane' AND role = 'operator' AND outcome = 'OK'", before))
			.isEqualTo(1);
	}

	@Test
	void withoutAPreferredUsernameTheSubjectIsThePerson() throws Exception {
		mvc.perform(as(get("/me"), jwt(claims("8c2d-19", null, List.of("viewer")))))
			.andExpect(jsonPath("$.user").value("8c2d-19"))
			.andExpect(jsonPath("$.role").value("viewer"));
	}

	@Test
	void aJwtWithTheViewerRoleReadsButMayNotChangeAndOneWithNoRoleMayDoNothing() throws Exception {
		String viewer = jwt(claims("1", "vic", List.of("VIEWER")));
		String nobody = jwt(claims("2", "nora", List.of("marketing")));

		mvc.perform(as(get("/batches"), viewer)).andExpect(status().isOk());
		mvc.perform(as(post("/executions/1/stop"), viewer)).andExpect(status().isForbidden());
		mvc.perform(as(get("/batches"), nobody)).andExpect(status().isForbidden());
	}

	@Test
	void aJwtSignedByAnotherKeyOrExpiredIs401() throws Exception {
		String forged = jwt(rsa(), claims("1", "mallory", List.of("admin")), Instant.now().plusSeconds(300));
		String expired = jwt(IDP_KEY, claims("1", "jane", List.of("admin")), Instant.now().minusSeconds(600));

		mvc.perform(as(get("/batches"), forged))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("unauthorized"));
		mvc.perform(as(get("/batches"), expired)).andExpect(status().isUnauthorized());
		assertThat(auditRows("actor = 'mallory'")).isZero();
	}

	@Test
	void aJwtLookingTokenIsToldFromAProductToken() {
		assertThat(SecurityConfig.looksLikeJwt(jwt(Map.of("sub", "x")))).isTrue();
		assertThat(SecurityConfig.looksLikeJwt("settle_abcDEF-123_x")).isFalse();
		assertThat(SecurityConfig.looksLikeJwt(SERVICE_TOKEN)).isFalse();
	}

}
