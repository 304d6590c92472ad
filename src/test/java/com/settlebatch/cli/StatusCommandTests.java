package com.settlebatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle status} after a real import and settlement, on a throw-away H2 file
 * database and the embedded sandbox gateway.
 */
class StatusCommandTests {

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
	void statusShowsWhatEachStepCountedNotASumOverStepsThatCountDifferentThings() throws Exception {
		// given the Initech sample (three payouts in one batch) imported and settled
		Path file = Files.copy(Path.of("input/samples/initech-2026-11-21.json"), home.resolve("initech.json"));
		SettleRun imported = SettleRun.of("import", file.toString());
		assertThat(imported.exit()).as(imported.err()).isZero();
		SettleRun settled = SettleRun.of("settle", "--date", "2026-11-21");
		assertThat(settled.exit()).as(settled.err()).isZero();

		// when the operator asks for the status
		SettleRun status = SettleRun.of("status", "--job", "settlement");

		// then the settlement's line names each step with its read/written/skipped/
		// rollbacks: three payments in the settle pass, one batch in the closing step
		assertThat(status.exit()).as(status.err()).isZero();
		assertThat(status.out()).contains("STEPS (READ/WRITTEN/SKIPPED/ROLLBACKS)", "settlePayments 3/3/0/0",
				"closeBatches 1/1/0/0");
	}

}
