package com.settlebatch.settlement;

import java.time.Duration;
import java.time.LocalDate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Byte-exact gateway behaviour against WireMock: an attempt that got no answer may have
 * charged, so when retries run out such a payment is looked up by its key before it may
 * be called FAILED.
 */
class AmbiguousOutcomeFunctionalTests extends FunctionalTestSupport {

	private static final WireMockServer gateway = new WireMockServer(options().dynamicPort());

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@DynamicPropertySource
	static void gatewayIsWireMock(DynamicPropertyRegistry registry) {
		if (!gateway.isRunning()) {
			gateway.start();
		}
		registry.add("settle.gateway.base-url", gateway::baseUrl);
	}

	@AfterAll
	static void stopGateway() {
		gateway.stop();
	}

	@BeforeEach
	void resetGateway() {
		gateway.resetAll();
		importer.importFile(drop("one.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "amb-1,Ambiguous,m-a,r-1,payment,5.00,USD,acct-1\n"));
	}

	private void connectionResetThen503() {
		gateway.stubFor(post("/batch/create").inScenario("gateway")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("down"));
		gateway.stubFor(post("/batch/create").inScenario("gateway")
			.whenScenarioStateIs("down")
			.willReturn(aResponse().withStatus(503).withHeader("X-Correlation-Id", "c-down")));
	}

	@Test
	void aResetConnectionThenOnly503sEndsInTheChargeTheLookupFinds() {
		connectionResetThen503();
		gateway.stubFor(get(urlPathEqualTo("/payments")).willReturn(aResponse().withStatus(200).withBody("""
				{"unique_key": "k", "status": 201, "response": {"id": "g-found", "status": "completed"}}""")));

		JobExecution execution = jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::gatewayId, StoredPayment::attempts)
			.containsExactly("SETTLED", "g-found", 5);
		gateway.verify(5, postRequestedFor(urlPathEqualTo("/batch/create")));
		gateway.verify(1, getRequestedFor(urlPathEqualTo("/payments")));
		assertThat(only(stepExecutions(execution.getId(), "settlePayments")).getWriteCount()).isEqualTo(1);
	}

	@Test
	void whenTheGatewayNeverSawTheKeyThePaymentFails() {
		connectionResetThen503();
		gateway.stubFor(get(urlPathEqualTo("/payments")).willReturn(aResponse().withStatus(404).withBody("""
				{"error": "not_found", "error_code": "NOT_FOUND"}""")));

		jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::errorCode)
			.containsExactly("FAILED", "NOT_FOUND");
	}

	@Test
	void whenTheLookupFailsTooThePaymentIsFlaggedAsUnknownNotPlainFailed() {
		connectionResetThen503();
		gateway.stubFor(get(urlPathEqualTo("/payments")).willReturn(aResponse().withStatus(503)));

		jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::errorCode)
			.containsExactly("FAILED", "OUTCOME_UNKNOWN");
	}

	@Test
	void a502FromInFrontOfTheGatewayMayHaveChargedSoItIsLookedUp() {
		gateway.stubFor(post("/batch/create").willReturn(aResponse().withStatus(502)));
		gateway.stubFor(get(urlPathEqualTo("/payments")).willReturn(aResponse().withStatus(200).withBody("""
				{"unique_key": "k", "status": 201, "response": {"id": "g-behind-502", "status": "completed"}}""")));

		jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::gatewayId)
			.containsExactly("SETTLED", "g-behind-502");
	}

	@Test
	void aRequestRefusedAsAWholeStopsTheRunAndDeclinesNothing() {
		gateway
			.stubFor(post("/batch/create").willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

		JobExecution execution = jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(jobRepository.getJobExecution(execution.getId()).getExitStatus().getExitDescription())
			.startsWith("the gateway refused the request to");
		assertThat(storedPayment().status()).isEqualTo("PENDING");
	}

	@Test
	void answered5xxOnlyFailWithoutALookup() {
		gateway.stubFor(
				post("/batch/create").willReturn(aResponse().withStatus(503).withHeader("X-Correlation-Id", "c-503")));

		jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(storedPayment())
			.extracting(StoredPayment::status, StoredPayment::httpStatus, StoredPayment::correlationId)
			.containsExactly("FAILED", 503, "c-503");
		gateway.verify(0, getRequestedFor(urlPathEqualTo("/payments")));
	}

	@Test
	void retryAfterIsHonouredBeforeTheSameKeyIsSentAgain() {
		gateway.stubFor(post("/batch/create").inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("""
					{"error_code": "THROTTLE_EXCEEDED"}"""))
			.willSetStateTo("open"));
		gateway.stubFor(post("/batch/create").inScenario("throttled")
			.whenScenarioStateIs("open")
			.willReturn(aResponse().withStatus(200).withTransformers("response-template").withBody("""
					{"calls": [{"reference_id": "{{jsonPath request.body '$.calls[0].reference_id'}}", "status": 201,
					            "response": {"id": "g-after-wait", "status": "completed"}}]}""")));
		long started = System.nanoTime();

		jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(storedPayment()).extracting(StoredPayment::status, StoredPayment::gatewayId, StoredPayment::attempts)
			.containsExactly("SETTLED", "g-after-wait", 2);
		gateway.verify(2, postRequestedFor(urlPathEqualTo("/batch/create")));
	}

}
