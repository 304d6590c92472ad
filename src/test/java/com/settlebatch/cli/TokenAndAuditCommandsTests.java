package com.settlebatch.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle token} and {@code settle audit} through the real launcher, on a
 * throw-away H2 file database: the token is printed once and never stored nor audited,
 * and every change made at the command line is in the trail under the OS user and this
 * host.
 */
class TokenAndAuditCommandsTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	private static final String OS_USER = System.getProperty("user.name");

	@BeforeAll
	static void withTheSandbox() {
		System.setProperty("settle.sandbox.embedded", "true");
	}

	@AfterAll
	static void restore() {
		System.clearProperty("settle.sandbox.embedded");
	}

	@Test
	void aTokenIsPrintedOnceListedWithoutItsSecretRevokedAndEveryStepIsAudited() throws Exception {
		// given an admin's token made at the command line
		SettleRun created = SettleRun.of("token", "create", "--user", "alice", "--role", "admin", "--expires", "30d",
				"--json");
		assertThat(created.exit()).as(created.err()).isZero();
		String token = JsonPath.read(created.out(), "$.token");
		String id = JsonPath.read(created.out(), "$.id");
		assertThat(token).startsWith("settle_").hasSizeGreaterThanOrEqualTo(7 + 43);
		assertThat((String) JsonPath.read(created.out(), "$.user")).isEqualTo("alice");
		assertThat((String) JsonPath.read(created.out(), "$.role")).isEqualTo("admin");
		assertThat((String) JsonPath.read(created.out(), "$.expires")).isNotBlank();

		// when it is listed and revoked
		SettleRun listed = SettleRun.of("token", "list", "--json");
		SettleRun revoked = SettleRun.of("token", "revoke", id);
		SettleRun again = SettleRun.of("token", "revoke", id);
		SettleRun afterwards = SettleRun.of("token", "list");

		// then the list never shows the secret, and a second revoke finds no active token
		assertThat(listed.exit()).as(listed.err()).isZero();
		assertThat(listed.out()).contains(id, "alice", "active").doesNotContain(token);
		assertThat(revoked.exit()).as(revoked.err()).isZero();
		assertThat(again.exit()).isEqualTo(4);
		assertThat(afterwards.out()).contains(id, "revoked");
		// and the audit trail has both changes under the OS user, at the command line,
		// without the token
		SettleRun audit = SettleRun.of("audit", "--user", OS_USER, "--since", "1h", "--json");
		assertThat(audit.exit()).as(audit.err()).isZero();
		// (the other tests of this class leave their own rows under the same OS user)
		List<Map<String, Object>> events = JsonPath.read(audit.out(), "$[?(@.action =~ /token\\..*/)]");
		assertThat(events).extracting(e -> e.get("action")).containsExactly("token.revoke", "token.create");
		assertThat(events).allSatisfy(e -> {
			assertThat(e.get("origin")).isEqualTo("CLI");
			assertThat(e.get("outcome")).isEqualTo("OK");
			assertThat((String) e.get("host")).isNotBlank();
		});
		assertThat(audit.out()).doesNotContain(token);
		// and nothing of the token but its SHA-256 is in the database file
		assertThat(new String(Files.readAllBytes(home.resolve("data/settlement.mv.db")), StandardCharsets.ISO_8859_1))
			.doesNotContain(token);
	}

	@Test
	void aChangeMadeAtTheCommandLineIsAuditedWithItsOutcome() throws Exception {
		// given a dropped-in batch imported, and a batch id that does not exist
		Path file = Files.copy(Path.of("input/samples/initech-2026-11-21.json"), home.resolve("audited.json"));

		// when the operator imports it and cancels a batch that is not there
		SettleRun imported = SettleRun.of("import", file.toString());
		SettleRun cancelled = SettleRun.of("cancel", "no-such-batch");

		// then both are in the trail: the import done, the cancel refused and why
		assertThat(imported.exit()).as(imported.err()).isZero();
		assertThat(cancelled.exit()).isEqualTo(4);
		SettleRun audit = SettleRun.of("audit", "--user", OS_USER);
		assertThat(audit.exit()).as(audit.err()).isZero();
		assertThat(audit.out()).contains("ACTION", "OUTCOME");
		assertThat(audit.out().lines().filter(line -> line.contains(" import ") && line.contains(" OK "))).hasSize(1);
		assertThat(
				audit.out().lines().filter(line -> line.contains(" batch.cancel ") && line.contains("no-such-batch")))
			.singleElement()
			.satisfies(line -> assertThat(line).contains("REFUSED", "no batch with id no-such-batch"));
	}

	@Test
	void submitAndCancelAtTheCommandLineAreOneRowEachUnderTheOsUser() throws Exception {
		// given an imported batch of its own (this class's database keeps the others')
		Path file = Files.writeString(home.resolve("lifecycle.json"), """
				[{"name": "Lifecycle", "externalId": "lifecycle-1", "merchantId": "merchant-audit",
				  "payments": [{"referenceId": "l-1", "type": "payment", "amount": "1.00", "currency": "USD",
				                "accountId": "acct-1"}]}]""");
		SettleRun imported = SettleRun.of("import", file.toString());
		assertThat(imported.exit()).as(imported.err()).isZero();
		String batch = JsonPath.read(SettleRun.of("batches", "--merchant", "merchant-audit", "--json").out(),
				"$.data[0].id");

		// when it is cancelled, then submitted, which a cancelled batch cannot be
		SettleRun cancelled = SettleRun.of("cancel", batch);
		SettleRun submitted = SettleRun.of("submit", batch);

		// then the trail has one row for each, under the OS user at this host, and no
		// second, generic row for either command
		assertThat(cancelled.exit()).as(cancelled.err()).isZero();
		assertThat(submitted.exit()).isNotZero();
		SettleRun audit = SettleRun.of("audit", "--user", OS_USER, "--json");
		List<Map<String, Object>> events = JsonPath.read(audit.out(), "$[?(@.target == 'batch " + batch + "')]");
		assertThat(events).extracting(e -> e.get("action") + " " + e.get("outcome"))
			.containsExactly("batch.submit REFUSED", "batch.cancel OK");
		assertThat(events).allSatisfy(e -> {
			assertThat(e.get("origin")).isEqualTo("CLI");
			assertThat(e.get("actorKind")).isEqualTo("PERSON");
			assertThat((String) e.get("host")).isNotBlank();
		});
		assertThat((String) events.get(0).get("detail")).contains("CANCELLED and cannot become SUBMITTED");
		assertThat((List<Object>) JsonPath.read(audit.out(), "$[?(@.action in ['submit', 'cancel'])]")).isEmpty();
	}

	@Test
	void aRoleThatDoesNotExistIsBadUsageAndMakesNoToken() {
		SettleRun created = SettleRun.of("token", "create", "--user", "bob", "--role", "superuser");

		assertThat(created.exit()).isEqualTo(2);
		assertThat(created.err()).contains("role must be viewer, operator or admin");
		assertThat(SettleRun.of("token", "list").out()).doesNotContain("bob");
	}

}
