package com.settlebatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle reconcile} through the real launcher on a fresh home with the embedded
 * sandbox, which each command starts anew: a later command's gateway has charged nothing,
 * so what an earlier one settled is missing at the gateway. Exit 0 when all matched, 4
 * with exceptions, 1 when the job failed.
 */
class ReconcileCommandTests {

	private static final String DAY = "2026-04-01";

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	@BeforeAll
	static void embeddedSandbox() {
		System.setProperty("settle.sandbox.embedded", "true");
		System.setProperty("settle.reconciliation.after-settlement", "true");
	}

	@AfterAll
	static void defaults() {
		System.clearProperty("settle.sandbox.embedded");
		System.clearProperty("settle.reconciliation.after-settlement");
	}

	@Test
	void aDateWhereEverythingMatchedExitsZeroAndPrintsTheJsonOfTheIssue() {
		SettleRun reconcile = SettleRun.of("reconcile", "--date", "2026-04-30", "--json");

		assertThat(reconcile.exit()).as(reconcile.err()).isZero();
		assertThat(reconcile.out()).contains("\"businessDate\" : \"2026-04-30\"", "\"executionId\" :",
				"\"MATCHED\" : 0", "\"UNKNOWN_TO_US\" : 0", "\"exceptions\" : [ ]");
	}

	@Test
	void settleRunReconcilesAfterSettlingAndALaterGatewayMissesTheChargesSoReconcileExitsFour() throws IOException {
		// given a run that settles two payments and reconciles them in the same process
		Files.writeString(input().resolve("night.csv"), """
				batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id
				c-1,Cli,m-c,c-ok,payment,10.00,USD,acct-1
				c-1,Cli,m-c,c-two,payment,2.50,USD,acct-2
				""");
		// Written completely a minute ago: the drop folder imports only files that have
		// settled.
		Files.setLastModifiedTime(input().resolve("night.csv"),
				FileTime.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
		SettleRun run = SettleRun.of("run", "--date", DAY);
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("reconciliation " + DAY).containsPattern("MATCHED\\s+2");

		// when it is reconciled by a later command, whose fresh sandbox charged nothing
		SettleRun reconcile = SettleRun.of("reconcile", "--date", DAY);

		// then both payments are missing at the gateway, and it exits 4
		assertThat(reconcile.exit()).as(reconcile.err()).isEqualTo(4);
		assertThat(reconcile.out()).containsPattern("MISSING_AT_GATEWAY\\s+2").contains("c-ok", "c-two", "open");

		// and a person resolves one: exit 0, then 3 for a second time, 4 for no such id
		long id = firstExceptionId(reconcile.out());
		SettleRun resolve = SettleRun.of("reconcile", "resolve", Long.toString(id), "--remark", "charged by hand");
		assertThat(resolve.exit()).as(resolve.err()).isZero();
		assertThat(resolve.out()).contains("reconciliation exception " + id + " resolved by");
		assertThat(SettleRun.of("reconcile", "resolve", Long.toString(id), "--remark", "again").exit()).isEqualTo(3);
		assertThat(SettleRun.of("reconcile", "resolve", "987654", "--remark", "x").exit()).isEqualTo(4);
		assertThat(SettleRun.of("reconcile", "resolve", Long.toString(id)).exit()).isEqualTo(2);
	}

	@Test
	void aReportFileThatCannotBeReadFailsTheJobAndExitsOne() throws IOException {
		Path report = home.resolve("broken-report.csv");
		Files.writeString(report, "id,unique_key,status\ng-1,k-1,completed\n");

		SettleRun reconcile = SettleRun.of("reconcile", "--date", DAY, "--report", report.toString());

		assertThat(reconcile.exit()).as(reconcile.out()).isEqualTo(1);
		assertThat(reconcile.err()).contains("broken-report.csv lacks the column(s) reference_id");
	}

	private static Path input() throws IOException {
		return Files.createDirectories(home.resolve("input"));
	}

	private static long firstExceptionId(String out) {
		Matcher id = Pattern.compile("^(\\d+)\\s+MISSING_AT_GATEWAY", Pattern.MULTILINE).matcher(out);
		assertThat(id.find()).as(out).isTrue();
		return Long.parseLong(id.group(1));
	}

}
