package com.settlebatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle alerts} after a real run that failed, on a throw-away H2 file database
 * and the embedded sandbox gateway, with no alert channel configured.
 */
class AlertsCommandTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	@BeforeAll
	static void withTheSandbox() {
		System.setProperty("settle.sandbox.embedded", "true");
	}

	@AfterAll
	static void restore() {
		System.clearProperty("settle.sandbox.embedded");
	}

	@Test
	void alertsListsTheFailedRunWithItsDeliveryStateForPeopleAndScripts() throws Exception {
		// given a settlement whose report step fails (a folder stands where its summary
		// goes)
		Path file = Files.copy(Path.of("input/samples/initech-2026-11-21.json"), home.resolve("initech.json"));
		assertThat(SettleRun.of("import", file.toString()).exit()).isZero();
		Files.createDirectories(home.resolve("output/2026-11-21/summary.json/in-the-way"));
		SettleRun settled = SettleRun.of("settle", "--date", "2026-11-21");
		assertThat(settled.exit()).as(settled.err()).isEqualTo(1);

		// when the operator lists the alerts
		SettleRun table = SettleRun.of("alerts");
		SettleRun json = SettleRun.of("alerts", "--json");

		// then the failed run is there, with no channel to deliver it to
		assertThat(table.exit()).as(table.err()).isZero();
		assertThat(table.out()).contains("ID", "RECORDED", "DELIVERY", "SUMMARY", "run-failed:", "no channel",
				"settlement 2026-11-21 (execution");
		assertThat(json.exit()).as(json.err()).isZero();
		assertThat(json.out()).contains("\"id\" : \"run-failed:", "\"type\" : \"run.failed\"", "\"deliveries\" : [ ]");
	}

}
