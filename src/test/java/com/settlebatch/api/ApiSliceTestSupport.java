package com.settlebatch.api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import com.settlebatch.audit.Audit;
import com.settlebatch.batches.BatchLifecycle;
import com.settlebatch.batches.BatchQueries;
import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.ops.JobControl;
import com.settlebatch.security.ApiTokens;
import com.settlebatch.security.SecurityConfig;

import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The API's web layer alone ({@code @WebMvcTest}: the controllers, {@link ApiErrors} and
 * the security chain) with every collaborator mocked, for what the database adds nothing
 * to: validation answers, refusal mapping, token rules, query parameters. What needs
 * stored data stays in the {@code *FunctionalTests}; {@link ApiHttpFunctionalTests} holds
 * one real HTTP conversation per endpoint family against the whole application. One
 * context for every slice test.
 */
// The API's own controllers: another feature's (the dashboard's) are not part of this
// slice.
@WebMvcTest({ BatchController.class, PaymentController.class, ExecutionController.class })
@Import({ ApiSliceTestSupport.Limits.class, SecurityConfig.class })
@TestPropertySource(properties = { "spring.main.web-application-type=servlet",
		"settle.auth.service-account.token=" + ApiTestSupport.TOKEN, "settle.auth.service-account.role=operator",
		// the security chain logs a refused token at debug: on, to prove it never logs
		// the token itself
		"logging.level.com.settlebatch=DEBUG" })
abstract class ApiSliceTestSupport {

	@Autowired
	protected MockMvc mvc;

	@MockitoBean
	protected BatchQueries batchQueries;

	@MockitoBean
	protected BatchLifecycle lifecycle;

	@MockitoBean
	protected DraftBatches draftBatches;

	@MockitoBean
	protected DraftPayments draftPayments;

	@MockitoBean
	protected JobControl jobControl;

	@MockitoBean
	protected ExecutionQueries executionQueries;

	// The security chain's collaborators that need the database: no person's token is
	// valid here, only the service account's.
	@MockitoBean
	protected ApiTokens apiTokens;

	@MockitoBean
	protected Audit audit;

	/**
	 * A refused request changed nothing: it never reached anything that writes or runs a
	 * job.
	 */
	protected void assertNothingChanged() {
		verifyNoInteractions(lifecycle, draftBatches, draftPayments, jobControl);
	}

	/**
	 * The request limits, as the application binds them (a slice scans no configuration
	 * properties).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ApiLimits.class)
	static class Limits {

	}

}
