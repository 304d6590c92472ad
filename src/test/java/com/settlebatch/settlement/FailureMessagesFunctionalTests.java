package com.settlebatch.settlement;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.logging.ConsoleLog;
import com.settlebatch.ops.JobControl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a run failed, as {@code settle execution}, the API and the dashboard read it from
 * the EXIT_MESSAGEs: the reason a person can act on, at every level (partition, pass,
 * job), and the stack trace in the log only.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureMessagesFunctionalTests extends FunctionalTestSupport {

	private static final WireMockServer gateway = new WireMockServer(options().dynamicPort());

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	ExecutionQueries executions;

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

	@Test
	void givenAGatewayThatRefusesTheCredentialsWhenARunFailsThenEveryExitMessageSaysSoWithTheCorrelationId(
			CapturedOutput log) throws IOException {
		// given four payments (two partitions) and a gateway that refuses our credentials
		importer.importFile(drop("four.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "f-1,Four,m-f,r-1,payment,1.00,USD,acct-1\n" + "f-1,Four,m-f,r-2,payment,2.00,USD,acct-2\n"
						+ "f-1,Four,m-f,r-3,payment,3.00,USD,acct-3\n" + "f-1,Four,m-f,r-4,payment,4.00,USD,acct-4\n"));
		gateway.stubFor(post("/batch/create")
			.willReturn(aResponse().withStatus(401).withHeader("X-Correlation-Id", "corr-401").withBody("{}")));

		// when
		JobExecution execution = jobControl.settle(LocalDate.of(2026, 11, 21));

		// then: the partitions, their pass and the job each say what the gateway did
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		String refused = "the gateway at " + gateway.baseUrl()
				+ " refused the configured App-Id/App-Token (401, correlation id corr-401); check SETTLE_GATEWAY_APP_TOKEN";
		List<ExecutionQueries.StepRow> steps = executions.steps(execution.getId());
		assertThat(steps).filteredOn(ExecutionQueries.StepRow::partition)
			.hasSize(2)
			.allSatisfy(partition -> assertThat(partition.exitMessage()).startsWith(refused));
		assertThat(steps).filteredOn(step -> step.step().equals("settlePayments"))
			.singleElement()
			.satisfies(pass -> assertThat(pass.exitMessage())
				.startsWith(refused + " (partitions pass1.part001, pass1.part002)"));
		assertThat(jobRepository.getJobExecution(execution.getId()).getExitStatus().getExitDescription())
			.isEqualTo(refused + " (partitions pass1.part001, pass1.part002)");
		// no class name, frame or framework's wording in any of them
		assertThat(storedExitMessages()).isNotEmpty()
			.allSatisfy(message -> assertThat(message).doesNotContain("Exception", "\tat ", "org.springframework",
					"Unable to process chunk", "Partition handler"));
		// the trace is in the log file, not on the terminal
		assertThat(log.getAll()).doesNotContain("\tat ");
		assertThat(Files.readString(ConsoleLog.file().orElseThrow()))
			.contains("GatewayAuthenticationException: " + refused, "\tat ");
	}

	private List<String> storedExitMessages() {
		return jdbc
			.sql("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION WHERE EXIT_MESSAGE <> '' UNION ALL "
					+ "SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE EXIT_MESSAGE <> ''")
			.query(String.class)
			.list();
	}

}
