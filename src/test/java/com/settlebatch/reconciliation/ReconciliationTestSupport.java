package com.settlebatch.reconciliation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application as {@code settle serve} runs it, reconciling against the embedded
 * sandbox gateway, whose list of charges starts empty in every test: its charges of
 * earlier tests belong to payments the clean schema no longer holds. Pages of two
 * charges, so that every test walks the gateway's cursor. One context for every
 * reconciliation test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@RecordApplicationEvents
@TestPropertySource(properties = { "spring.main.web-application-type=servlet",
		"settle.auth.service-account.token=" + ReconciliationTestSupport.TOKEN,
		"settle.auth.service-account.name=recon-tests", "settle.auth.service-account.role=operator",
		"settle.reconciliation.page-size=2", "settle.reconciliation.chunk-size=3" })
abstract class ReconciliationTestSupport extends FunctionalTestSupport {

	static final String TOKEN = "recon-test-token-7c2e";

	static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n";

	/** Today: the gateway lists the charges created from the business date's start on. */
	static final LocalDate TODAY = LocalDate.now();

	@Autowired
	protected Reconciliations reconciliations;

	@Autowired
	protected FileImporter importer;

	@Autowired
	protected JobControl jobControl;

	@Autowired
	protected MockMvc mvc;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void aGatewayWithoutEarlierTestsCharges() {
		sandbox.ledger().forgetCharges();
	}

	/** Imports the rows (after the header) as one file and settles today. */
	protected void settleToday(String rows) {
		importer.importFile(drop("payments-" + UUID.randomUUID() + ".csv", HEADER + rows));
		assertThat(jobControl.settle(TODAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	/**
	 * A charge made at the sandbox directly, behind the product's back, as a person with
	 * the gateway's console would.
	 */
	protected int chargeBehindOurBack(String uniqueKey, String referenceId, long amountMinor, String currency,
			String accountId) throws IOException, InterruptedException {
		String body = """
				{"reference_id": "%s", "type": "payment", "amount": %d, "currency": "%s", "account_id": "%s"}"""
			.formatted(referenceId, amountMinor, currency, accountId);
		HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/payments"))
			.header("Content-Type", "application/json")
			.header("App-Id", sandbox.settings().appId())
			.header("App-Token", sandbox.settings().appToken())
			.header("Unique-Key", uniqueKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	protected String uniqueKeyOf(String referenceId) {
		return jdbc.sql("SELECT unique_key FROM payment WHERE reference_id = ?")
			.param(referenceId)
			.query(String.class)
			.single();
	}

	/** Writes the gateway's report file for the date into the drop folder's reports. */
	protected Path report(LocalDate date, String rows) throws IOException {
		Path folder = Files.createDirectories(reconciliations.reportsFolder());
		return Files.writeString(folder.resolve(date + ".csv"),
				"id,unique_key,status,reference_id,type,amount,currency,account_id,created_time\n" + rows);
	}

}
