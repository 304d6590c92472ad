package com.settlebatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded sandbox is opt-in: without {@code settle.gateway.base-url} and without
 * {@code settle.sandbox.embedded}, the commands that settle refuse to start and say what
 * to set; the others work as before. The real launcher on a throw-away home (no
 * {@code jobs/*.yml}, so no URL from there) and its H2 file database.
 */
class GatewayRequiredTests {

	private static final String SWITCH = "settle.sandbox.embedded";

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	@AfterEach
	void switchOff() {
		System.clearProperty(SWITCH);
	}

	private static SettleRun run(String... args) {
		return SettleRun.of(args);
	}

	// A serve or worker that were not refused would run until stopped: the time-out says
	// so.
	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void givenNoGatewayUrlNorSandboxSwitchWhenACommandThatSettlesStartsThenItIsRefusedWithWhatToSet() {
		// given no settle.gateway.base-url and the switch off (the defaults)

		// when each command that would talk to the gateway starts
		for (String[] command : new String[][] { { "run" }, { "settle", "--date", "2026-11-21" }, { "restart", "1" },
				{ "serve", "--port", "0" }, { "worker" } }) {
			SettleRun refused = run(command);

			// then it is bad usage (exit 2) and the message names the URL and the switch
			assertThat(refused.exit()).as("%s: %s", command[0], refused.err()).isEqualTo(2);
			assertThat(refused.err()).as(command[0])
				.contains("settle: no payment gateway is configured", "SETTLE_GATEWAY_BASE_URL",
						"SETTLE_SANDBOX_EMBEDDED=true");
			assertThat(refused.out()).as(command[0]).doesNotContain("settle serve:", "settle worker:");
		}
	}

	@Test
	void givenNoGatewayUrlNorSandboxSwitchWhenCommandsThatNeverCallTheGatewayRunThenTheyWorkAsBefore()
			throws IOException {
		// given no settle.gateway.base-url and the switch off (the defaults)

		// when a file is imported and the executions and batches are listed
		Path file = Files.writeString(home.resolve("hooli.csv"), """
				batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id
				hooli-1,Hooli payouts,merchant-hooli,h-1,payout,10.00,USD,acct-1
				""");
		SettleRun imported = run("import", file.toString());
		SettleRun status = run("status");
		SettleRun batches = run("batches", "--merchant", "merchant-hooli");

		// then each does its work
		assertThat(imported.exit()).as(imported.err()).isZero();
		assertThat(status.exit()).as(status.err()).isZero();
		assertThat(status.out()).contains("import");
		assertThat(batches.exit()).as(batches.err()).isZero();
		assertThat(batches.out()).contains("Hooli payouts", "SUBMITTED");
	}

	@Test
	void givenTheSandboxSwitchWhenSettleRunsThenItSettlesAgainstTheEmbeddedSandbox() {
		// given a submitted batch and the switch on
		assertThat(run("import", Path.of("input/samples/initech-2026-11-21.json").toAbsolutePath().toString()).exit())
			.isZero();
		System.setProperty(SWITCH, "true");

		// when the date is settled
		SettleRun settled = run("settle", "--date", "2026-11-21");

		// then the run completes against the sandbox started in the process, and the
		// batch is closed
		assertThat(settled.exit()).as(settled.err()).isZero();
		assertThat(settled.out()).contains("COMPLETED");
		assertThat(run("batches", "--merchant", "merchant-initech").out()).contains("Initech vendor payouts", "CLOSED");
	}

}
