package com.settlebatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.settlebatch.cli.SettleCommand;

/**
 * The fault flags of {@code settle sandbox}; only rejected invocations, since a valid one
 * runs until stopped.
 */
class SandboxCommandTests {

	private record Run(int exit, String out, String err) {
	}

	private static Run settle(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = SettleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Run(exit, out.toString(), err.toString());
	}

	@Test
	void helpListsTheFaultFlags() {
		Run help = settle("sandbox", "--help");

		assertThat(help.exit()).isZero();
		assertThat(help.out()).contains("--fail-rate", "--decline-rate", "--hang-rate", "--hang", "--latency-max",
				"--seed", "--fail", "--latency", "--blocked", "--throttle");
	}

	@Test
	void givenTheHelpWhenItIsReadThenItListsTheThreeThrottlesByTheReasonTheyAnswerWith() {
		Run help = settle("sandbox", "--help");

		assertThat(help.out()).contains("--app-throttle", "APPLICATION_REQUEST_THROTTLE_EXCEEDED",
				"--endpoint-throttle", "ENDPOINT_REQUEST_THROTTLE_EXCEEDED", "--account-throttle",
				"ACCOUNT_REQUEST_THROTTLE_EXCEEDED", "--throttle-window");
	}

	@Test
	void givenANegativeThrottleOrAnEmptyWindowWhenTheSandboxIsStartedThenItIsBadUsageBeforeAnythingStarts() {
		Run negative = settle("sandbox", "--port", "0", "--account-throttle", "-1");
		Run emptyWindow = settle("sandbox", "--port", "0", "--throttle-window", "0s");

		assertThat(negative.exit()).isEqualTo(2);
		assertThat(negative.err()).contains("throttle limits must be >= 0");
		assertThat(emptyWindow.exit()).isEqualTo(2);
		assertThat(emptyWindow.err()).contains("--throttle-window must be positive");
	}

	@Test
	void aRateOutsideZeroToOneIsBadUsage() {
		Run tooHigh = settle("sandbox", "--fail-rate", "1.5");
		Run negative = settle("sandbox", "--decline-rate", "-0.1");
		Run notANumber = settle("sandbox", "--hang-rate", "often");

		assertThat(tooHigh.exit()).isEqualTo(2);
		assertThat(tooHigh.err()).contains("--fail-rate", "between 0 and 1");
		assertThat(negative.exit()).isEqualTo(2);
		assertThat(negative.err()).contains("--decline-rate");
		assertThat(notANumber.exit()).isEqualTo(2);
		assertThat(notANumber.err()).contains("--hang-rate", "not a number");
	}

	@Test
	void inconsistentFlagsAreBadUsageBeforeAnythingStarts() {
		Run rates = settle("sandbox", "--port", "0", "--fail-rate", "0.6", "--decline-rate", "0.3", "--hang-rate",
				"0.2");
		Run latency = settle("sandbox", "--port", "0", "--latency", "50ms", "--latency-max", "10ms");
		Run seed = settle("sandbox", "--seed", "abc");

		assertThat(rates.exit()).isEqualTo(2);
		assertThat(rates.err()).contains("add up to at most 1").contains("Usage:");
		assertThat(latency.exit()).isEqualTo(2);
		assertThat(latency.err()).contains("--latency-max must be at least");
		assertThat(seed.exit()).isEqualTo(2);
	}

}
