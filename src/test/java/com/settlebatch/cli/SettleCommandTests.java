package com.settlebatch.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher: parsing, help, and the exit codes of the README's "Command line"
 * table, on a throw-away H2 file database.
 */
class SettleCommandTests {

	@TempDir
	static Path home;

	@BeforeAll
	static void isolatedHome() {
		System.setProperty("SETTLE_HOME", home.toString());
	}

	@AfterAll
	static void restore() {
		System.clearProperty("SETTLE_HOME");
	}

	private static SettleRun run(String... args) {
		return SettleRun.of(args);
	}

	@Test
	void helpListsEveryCommandAndExitsZero() {
		SettleRun help = run("--help");
		assertThat(help.exit()).isZero();
		assertThat(help.out()).contains("run", "import", "settle", "sandbox", "status", "execution", "restart", "stop",
				"abandon", "recover", "batches", "batch", "payments", "submit", "cancel");
		assertThat(run("batches", "--help").out()).contains("--openedge", "--closedlt", "--limit", "--json");
	}

	@Test
	void badUsageExitsTwo() {
		assertThat(run("settle", "--date", "21/11/2026").exit()).isEqualTo(2);
		assertThat(run("no-such-command").exit()).isEqualTo(2);
		assertThat(run("batches", "--openedge", "2026-11-01").exit()).isEqualTo(2);
	}

	@Test
	void unknownIdsExitFour() {
		SettleRun batch = run("batch", "no-such-batch");
		assertThat(batch.exit()).as(batch.err()).isEqualTo(4);
		assertThat(batch.err()).contains("no batch with id no-such-batch");
		SettleRun execution = run("execution", "987654");
		assertThat(execution.exit()).as(execution.err()).isEqualTo(4);
		assertThat(run("import", home.resolve("missing.csv").toString()).exit()).isEqualTo(4);
	}

	@Test
	void anEmptyDatabaseListsNoBatchesAsJson() {
		SettleRun batches = run("batches", "--json");
		assertThat(batches.exit()).isZero();
		assertThat(batches.out()).contains("\"total\" : 0");
	}

}
