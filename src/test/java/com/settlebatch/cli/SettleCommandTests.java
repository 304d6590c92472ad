package com.settlebatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher: parsing, help, and the exit codes of the README's "Command line"
 * table, on a throw-away H2 file database.
 */
class SettleCommandTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

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

	@Test
	void helpListsEveryCommandWithAWholeSentence() {
		// given the launcher
		// when asked for help
		SettleRun help = run("--help");

		// then each command's summary, continuation lines included, is a whole sentence
		Map<String, String> summaries = commandSummaries(help.out());
		assertThat(summaries).containsKeys("run", "import", "settle", "serve", "worker", "sandbox", "recover",
				"batches", "payments");
		assertThat(summaries).allSatisfy((name, summary) -> assertThat(summary).as(name).endsWith("."));
	}

	/** The "Commands:" section of a help text: name to its summary, lines joined. */
	private static Map<String, String> commandSummaries(String help) {
		Map<String, String> summaries = new LinkedHashMap<>();
		String current = null;
		Pattern entry = Pattern.compile("^  ([a-z-]+)\\s+(.*)$");
		for (String line : help.substring(help.indexOf("Commands:")).lines().skip(1).toList()) {
			Matcher matcher = entry.matcher(line);
			if (matcher.matches()) {
				current = matcher.group(1);
				summaries.put(current, matcher.group(2).strip());
			}
			else if (line.isBlank()) {
				break;
			}
			else if (current != null) {
				summaries.merge(current, line.strip(), (a, b) -> a + " " + b);
			}
		}
		return summaries;
	}

}
