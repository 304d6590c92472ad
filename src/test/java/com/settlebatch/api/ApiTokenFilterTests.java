package com.settlebatch.api;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter on its own: fail closed without a token, exemptions that cannot be smuggled.
 */
class ApiTokenFilterTests {

	@Test
	void withNoTokenConfiguredEveryRequestIsRefused() throws Exception {
		for (String configured : new String[] { null, "", "   " }) {
			ApiTokenFilter filter = new ApiTokenFilter(configured);
			MockHttpServletRequest request = request("/batches");
			request.addHeader("Authorization", "Bearer ");
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = new MockHttpServletResponse();

			filter.doFilter(request, response, chain);

			assertThat(response.getStatus()).isEqualTo(401);
			assertThat(chain.getRequest()).isNull();
			assertThat(response.getContentAsString()).contains("not configured");
		}
	}

	@Test
	void theRightTokenPassesAndTheBodyOfARefusalNeverEchoesWhatWasSent() throws Exception {
		ApiTokenFilter filter = new ApiTokenFilter("s3cret-token");
		MockHttpServletRequest good = request("/batches");
		good.addHeader("Authorization", "Bearer s3cret-token");
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(good, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(good);

		MockHttpServletRequest bad = request("/batches");
		bad.addHeader("Authorization", "Bearer s3cret-tokenX");
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(bad, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.getContentAsString()).doesNotContain("s3cret");
	}

	@Test
	void onlyTheHealthCheckTheDocumentAndSwaggerUiAreExemptAndOnlyUnderTheirPlainNames() {
		assertThat(ApiTokenFilter.exempt("/openapi.yaml")).isTrue();
		assertThat(ApiTokenFilter.exempt("/openapi")).isTrue();
		assertThat(ApiTokenFilter.exempt("/openapi/swagger-config")).isTrue();
		assertThat(ApiTokenFilter.exempt("/swagger-ui.html")).isTrue();
		assertThat(ApiTokenFilter.exempt("/swagger-ui/index.html")).isTrue();
		assertThat(ApiTokenFilter.exempt("/swagger-ui/swagger-ui-bundle.js")).isTrue();
		assertThat(ApiTokenFilter.exempt("/swagger-ui/../batches")).isFalse();
		assertThat(ApiTokenFilter.exempt("/swagger-ui/..%2Fbatches.js")).isFalse();
		assertThat(ApiTokenFilter.exempt("/swagger-ui/x/../../batches.js")).isFalse();
		assertThat(ApiTokenFilter.exempt("/openapi/../batches")).isFalse();
		assertThat(ApiTokenFilter.exempt("/openapi.json")).isFalse();
		assertThat(ApiTokenFilter.exempt("/actuator/health")).isTrue();
		assertThat(ApiTokenFilter.exempt("/actuator/health/liveness")).isTrue();
		assertThat(ApiTokenFilter.exempt("/actuator/health/../../batches")).isFalse();
		assertThat(ApiTokenFilter.exempt("/actuator/health;x=1")).isFalse();
		assertThat(ApiTokenFilter.exempt("/actuator/health%2F..%2Fbatches")).isFalse();
		assertThat(ApiTokenFilter.exempt("/actuator/healthz")).isFalse();
		assertThat(ApiTokenFilter.exempt("/openapi.yaml/../batches")).isFalse();
		assertThat(ApiTokenFilter.exempt("/batches")).isFalse();
		assertThat(ApiTokenFilter.exempt("/actuator/prometheus")).isFalse();

		ApiTokenFilter filter = new ApiTokenFilter("t");
		assertThat(filter.shouldNotFilter(request("/openapi.yaml"))).isTrue();
		// What the container resolved must be the same path as the one sent, or the token
		// is required.
		MockHttpServletRequest smuggled = request("/actuator/health/x");
		smuggled.setServletPath("/batches");
		assertThat(filter.shouldNotFilter(smuggled)).isFalse();
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		return request;
	}

}
