package com.settlebatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle retention run [--dry-run]}, {@code settle archive show} and the refusal
 * to settle a pruned date again, through the real launcher on a throw-away H2 home with
 * the embedded sandbox; metadata is kept for no time at all, so a run prunes it at once.
 */
class RetentionCommandTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	@BeforeAll
	static void withTheSandboxAndNoMetadataAge() {
		System.setProperty("settle.sandbox.embedded", "true");
		System.setProperty("settle.retention.batch-metadata", "0s");
	}

	@AfterAll
	static void restore() {
		System.clearProperty("settle.sandbox.embedded");
		System.clearProperty("settle.retention.batch-metadata");
	}

	@Test
	void anOldDateIsListedArchivedReadBackAndNeverSettledAgain() throws Exception {
		// given the Initech sample (three payouts in one batch) settled on an old date
		Path file = Files.copy(Path.of("input/samples/initech-2026-11-21.json"), home.resolve("initech.json"));
		assertThat(SettleRun.of("import", file.toString()).exit()).isZero();
		assertThat(SettleRun.of("settle", "--date", "2020-01-02").exit()).isZero();

		// when the operator asks for a dry run, then it lists the date and changes
		// nothing
		SettleRun dry = SettleRun.of("retention", "run", "--dry-run", "--json");
		assertThat(dry.exit()).as(dry.err()).isZero();
		assertThat(dry.out()).contains("\"businessDate\" : \"2020-01-02\"", "\"payments\" : 3");
		assertThat(SettleRun.of("archive", "show", "2020-01-02").exit()).isEqualTo(4);

		// when retention runs, then it completes and shows in settle status
		SettleRun run = SettleRun.of("retention", "run");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).containsPattern("archiveDates +COMPLETED +0 +0 +3 ").contains("removeArchived");
		assertThat(SettleRun.of("status", "--job", "retention").out()).contains("retention", "COMPLETED");

		// and the archive reads back verified, with the batch and its payments
		SettleRun show = SettleRun.of("archive", "show", "2020-01-02");
		assertThat(show.exit()).as(show.err()).isZero();
		assertThat(show.out()).contains("verified", "CLOSED", "SETTLED");
		assertThat(show.out().lines().filter(line -> line.contains(" payout "))).hasSize(3);

		// and the date, its metadata pruned, is refused (exit 3) rather than run again
		SettleRun again = SettleRun.of("settle", "--date", "2020-01-02");
		assertThat(again.exit()).isEqualTo(3);
		assertThat(again.err()).contains("already complete");
	}

}
