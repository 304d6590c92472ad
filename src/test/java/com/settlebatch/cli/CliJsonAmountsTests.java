package com.settlebatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --json} output as a script reads it: amounts exact, as the REST API gives them.
 * Its own throw-away home, so the batches it imports do not show in other tests.
 */
class CliJsonAmountsTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	private static SettleRun run(String... args) {
		return SettleRun.of(args);
	}

	@Test
	void paymentsAsJsonGiveExactAmountsInTheCurrencyScale() throws Exception {
		// given a file of 10 USD and 1.5 KWD, imported
		Path file = home.resolve("exact-amounts.csv");
		Files.writeString(file, """
				batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id
				json-1,Exact,m-1,r-usd,payment,10,USD,acct-1
				json-1,Exact,m-1,r-kwd,payment,1.5,KWD,acct-2
				""");
		assertThat(run("import", file.toString()).exit()).isZero();
		String batches = run("batches", "--json").out();
		Matcher id = Pattern.compile("\"id\" : \"([^\"]+)\"").matcher(batches);
		assertThat(id.find()).as(batches).isTrue();

		// when its payments are printed for scripts
		SettleRun payments = run("payments", id.group(1), "--json");

		// then each amount is a string in its currency's scale, never a JSON number
		assertThat(payments.out()).contains("\"amount\" : \"10.00\"", "\"amount\" : \"1.500\"")
			.doesNotContainPattern("\"amount\" : [0-9]");
	}

}
