package com.settlebatch.ingest;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.logging.LoggedSince;
import com.settlebatch.batches.BatchQueries;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Card numbers in input are shown masked everywhere: rejects table and file, logs,
 * listings.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardMaskingFunctionalTests extends FunctionalTestSupport {

	/**
	 * 9111111111111110 passes the Luhn check but starts in no card brand's range, so it
	 * is stored (an account id may be such a number) yet masked wherever it is shown,
	 * like a card; 4111111111111111 as an account id is refused (see
	 * CardDataFunctionalTests).
	 */
	private static final List<String> PANS = List.of("4111111111111111", "5500-0000-0000-0004", "5500000000000004",
			"9111111111111110");

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	BatchQueries queries;

	@Test
	void noUnmaskedCardNumberAfterARunWithParseAndWriteErrors(CapturedOutput output) throws Exception {
		LoggedSince logged = LoggedSince.now();
		importer.importFile(drop("cards.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "c-1,Cards,m-c,r-1,payment,1.00,USD,9111111111111110\n"
						// parse error on amount
						+ "c-1,Cards,m-c,5500-0000-0000-0004,payment,12.3.4,USD,acct-2\n"
						// write error: duplicate
						+ "c-1,Cards,m-c,r-1,payment,2.00,USD,9111111111111110\n"
						// declined at the gateway
						+ "c-1,Cards,m-c,r-3,payment,3.00,USD,acct-blocked-9111111111111110\n"
						// refused: a card number as the account id
						+ "c-1,Cards,m-c,r-4,payment,4.00,USD,4111111111111111\n"));
		jobControl.settle(LocalDate.of(2026, 11, 21));

		StringBuilder shown = new StringBuilder(output.getAll()).append(logged.text());
		jdbc.sql(
				"""
						SELECT line || source || COALESCE(batch_external_id, '') || COALESCE(reference_id, '') || field || reason
						       || COALESCE(raw_value, '')
						FROM import_reject""")
			.query(String.class)
			.list()
			.forEach(shown::append);
		shown.append(Files.readString(inputFolder.dir().resolve("processed/cards.csv.rejects.csv")));
		String batchId = jdbc.sql("SELECT id FROM payment_batch").query(String.class).single();
		queries.payments(batchId, null).forEach(p -> shown.append(p));

		assertThat(shown).contains("550000******0004", "911111******1110", "411111******1111");
		PANS.forEach(pan -> assertThat(shown.toString()).doesNotContain(pan));
	}

}
