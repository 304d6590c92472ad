package com.settlebatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed command as a person at a terminal sees it: its reason in a line or two and
 * where the full log is, the exit code of the README's table, and the stack trace in the
 * log file under {@code data/logs/}, never on the terminal. The real launcher on a
 * throw-away home; what it prints and what the logging prints on stderr are both looked
 * at.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandFailureTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	/** Where this test's part of the log file starts: the file is the home's, shared. */
	private static long logStart;

	/**
	 * Each command configures logging from its home, as in a process of its own (in this
	 * JVM, an application of another test may have configured it already).
	 */
	@BeforeEach
	void logSoFar() throws IOException {
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
		Path log = log();
		logStart = Files.exists(log) ? Files.size(log) : 0;
	}

	@AfterEach
	void defaults() {
		System.clearProperty("settle.sandbox.embedded");
		System.clearProperty("spring.datasource.url");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					no-header.csv      | acme-1,ACME,merchant-acme,a-1,payment,10.00,USD,acct-1\\n | no-header.csv line 1
					empty.csv          |                                                          | empty.csv is empty
					no-amount.csv      | batch_external_id,batch_name,merchant_id,reference_id,type,currency,account_id\\nacme-1,ACME,merchant-acme,a-1,payment,USD,acct-1\\n | "amount"
					truncated.json     | [{"name": "ACME", "externalId": "acme-1", "merchantId": "merchant-acme", "payments": [{"referenceId": | truncated.json
					nested.json        | [[{"name": "ACME", "externalId": "acme-1", "merchantId": "merchant-acme", "payments": []}]] | nested.json
					""")
	void givenAFileThatCannotBeReadWhenItIsImportedThenItExitsTwoWithItsReasonAndTheLogAndTheTraceIsInTheLogOnly(
			String name, String content, String reason, CapturedOutput terminal) throws IOException {
		// given a file that cannot be read as a whole
		Path file = Files.writeString(home.resolve(name), content == null ? "" : content.replace("\\n", "\n"));

		// when it is imported
		SettleRun imported = SettleRun.of("import", file.toString());

		// then: bad input, told in its reason and where the log is, without a trace
		assertUnreadable(imported, terminal, reason);
	}

	@Test
	void givenAFileWhoseBytesAreNotUtf8WhenItIsImportedThenItExitsTwoWithItsReasonAndTheTraceIsInTheLogOnly(
			CapturedOutput terminal) throws IOException {
		// given a header whose bytes are not UTF-8 (a bad row alone would be a reject)
		byte[] latin1 = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,r\u00e9f\nacme-1,ACME,merchant-acme,a-1,payment,10.00,USD,acct-1,x\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		Path file = Files.write(home.resolve("latin1.csv"), latin1);

		// when it is imported
		SettleRun imported = SettleRun.of("import", file.toString());

		// then
		assertUnreadable(imported, terminal, "not valid UTF-8");
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void givenThePortTakenWhenServeStartsThenItExitsTwoWithWhatToCheckAndNoTrace(CapturedOutput terminal)
			throws IOException {
		System.setProperty("settle.sandbox.embedded", "true");
		// given a port another process listens on
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();

			// when serve starts on it
			SettleRun serve = SettleRun.of("serve", "--port", Integer.toString(port));

			// then: a configuration to change (exit 2), said in one line, the trace in
			// the log
			assertThat(serve.exit()).as(serve.err()).isEqualTo(2);
			assertThat(serve.err()).contains("settle: serve: port " + port + " is already in use", "--port");
			assertTold(serve, terminal, "PortInUseException");
		}
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void givenADatabaseThatDoesNotAnswerWhenServeStartsThenItExitsOneWithWhatToCheckAndNoTrace(CapturedOutput terminal)
			throws IOException {
		System.setProperty("settle.sandbox.embedded", "true");
		// given a database URL on a port where nothing listens
		int closed;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = free.getLocalPort();
		}
		System.setProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closed + "/settlement");

		// when serve starts
		SettleRun serve = SettleRun.of("serve", "--port", "0");

		// then: the service it needs cannot be reached (exit 1, try again once it is
		// back), said with the address and what to check
		assertThat(serve.exit()).as(serve.err()).isEqualTo(1);
		assertThat(serve.err()).contains("settle: serve: cannot reach the database", "127.0.0.1:" + closed,
				"SETTLE_DB_URL");
		assertTold(serve, terminal, "ConnectException");
	}

	private static void assertUnreadable(SettleRun imported, CapturedOutput terminal, String reason) {
		assertThat(imported.exit()).as(imported.err()).isEqualTo(2);
		assertThat(imported.err()).contains("settle: import failed, the file cannot be read: ", reason);
		assertTold(imported, terminal, "UnreadableInputException");
	}

	/**
	 * At most three lines on the terminal, the last naming the log file, no stack frame;
	 * the trace, with the exception named, in that file.
	 */
	private static void assertTold(SettleRun run, CapturedOutput terminal, String exceptionInTheLog) {
		String shown = run.out() + run.err() + terminal.getAll();
		assertThat(shown).doesNotContain("\tat ", "Caused by");
		assertThat(shown.lines().filter(line -> !line.isBlank())).as(shown).hasSizeLessThanOrEqualTo(3);
		assertThat(run.err()).contains(log().toString());
		assertThat(logged()).contains(exceptionInTheLog).contains("\tat ");
	}

	private static Path log() {
		return home.resolve("data/logs/settle.log").toAbsolutePath().normalize();
	}

	/** What the log file got during this test. */
	private static String logged() {
		try {
			byte[] all = Files.readAllBytes(log());
			return new String(all, (int) logStart, all.length - (int) logStart, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
