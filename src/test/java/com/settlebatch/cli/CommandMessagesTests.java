package com.settlebatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person reads after the commands that settle, on a fresh home with the embedded
 * sandbox: the product's words, never a framework's internals, and a log file free of
 * warnings nobody can act on.
 */
class CommandMessagesTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	@BeforeAll
	static void embeddedSandbox() {
		System.setProperty("settle.sandbox.embedded", "true");
	}

	@AfterAll
	static void defaults() {
		System.clearProperty("settle.sandbox.embedded");
	}

	@Test
	void givenACompletedSettlementWhenItIsRestartedThenOneLineSaysTheDateIsCompleteAndItExitsThree() {
		// given the settlement of a date, completed
		SettleRun settled = SettleRun.of("settle", "--date", "2026-03-02");
		assertThat(settled.exit()).as(settled.err()).isZero();
		long id = executionId(settled.out());

		// when it is restarted
		SettleRun restart = SettleRun.of("restart", Long.toString(id));

		// then one line in the product's words, with the execution, and exit 3
		assertThat(restart.exit()).as(restart.err()).isEqualTo(3);
		assertThat(restart.err().strip().lines()).singleElement()
			.isEqualTo("settle: settlement 2026-03-02 is already complete (execution " + id
					+ "): a completed settlement is never run again");
	}

	@Test
	void givenTheFullApplicationWhenACommandRunsThenTheLogHasNoWarningAboutListenerAnnotations() throws IOException {
		// given a log file of this home's own, from scratch
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
		Path log = home.resolve("data/logs/settle.log");
		long start = Files.exists(log) ? Files.size(log) : 0;

		// when a command starts the whole application (every job's steps)
		SettleRun settled = SettleRun.of("settle", "--date", "2026-03-03");

		// then
		assertThat(settled.exit()).as(settled.err()).isZero();
		byte[] all = Files.readAllBytes(log);
		String logged = new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
		assertThat(logged).contains("settlement pass 1").doesNotContain("AbstractListenerFactoryBean");
	}

	private static long executionId(String out) {
		Matcher id = Pattern.compile("^execution (\\d+) ", Pattern.MULTILINE).matcher(out);
		assertThat(id.find()).as(out).isTrue();
		return Long.parseLong(id.group(1));
	}

}
