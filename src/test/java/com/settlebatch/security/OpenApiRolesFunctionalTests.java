package com.settlebatch.security;

import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The OpenAPI document states each operation's role, as the filter chain enforces it. */
class OpenApiRolesFunctionalTests extends SecurityTestSupport {

	@Test
	void everyOperationNamesTheRoleTheRuleTableGivesIt() throws Exception {
		String document = mvc.perform(get("/openapi")).andReturn().getResponse().getContentAsString();

		Map<String, Map<String, Map<String, Object>>> paths = JsonPath.read(document, "$.paths");
		assertThat(paths).isNotEmpty();
		paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
			String expected = AccessRules.required(HttpMethod.valueOf(method.toUpperCase()), path).orElseThrow().word();
			assertThat(operation.get("x-required-role")).as("%s %s", method, path).isEqualTo(expected);
			assertThat((String) operation.get("description")).as("%s %s", method, path).contains("role");
		}));
		assertThat((String) JsonPath.read(document, "$.paths['/batches'].get.x-required-role")).isEqualTo("viewer");
		assertThat((String) JsonPath.read(document, "$.paths['/executions/{id}/restart'].post.x-required-role"))
			.isEqualTo("operator");
		assertThat((String) JsonPath.read(document, "$.paths['/audit'].get.x-required-role")).isEqualTo("admin");
		assertThat(
				(String) JsonPath.read(document,
						"$.paths['/executions/{id}/restart'].post.responses['403']"
								+ ".content['application/json'].schema.$ref"))
			.isEqualTo("#/components/schemas/ApiError");
		assertThat((Map<String, Object>) JsonPath.read(document, "$.components.securitySchemes"))
			.containsKeys("bearerToken", "jwt");
	}

}
