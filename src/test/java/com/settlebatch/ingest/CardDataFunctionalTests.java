package com.settlebatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Card numbers are refused where they would be stored (custom data, account ids), so none
 * reaches the database or the files this product writes in clear.
 */
class CardDataFunctionalTests extends FunctionalTestSupport {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on,custom_data\n";

	/** Each as digits only: separators are removed from what is searched too. */
	private static final List<String> PANS = List.of("4111111111111111", "5500000000000004", "378282246310005",
			"6011111111111117", "2223000048400011");

	@Autowired
	FileImporter importer;

	@Autowired
	DataSource dataSource;

	@Test
	void rowsCarryingCardNumbersAreRejectedAndNoNumberIsStoredOrWrittenInClear() throws Exception {
		// given a CSV and a JSON file with a good payment each and card numbers in custom
		// data and account ids
		Path csv = drop("cards.csv", HEADER + "c-1,Cards,m-c,r-1,payment,1.00,USD,acct-1,,\n" // 2
				+ "c-1,Cards,m-c,r-2,payment,1.00,USD,acct-1,,\"{\"\"card\"\":\"\"4111 1111 1111 1111\"\"}\"\n" // 3
				+ "c-1,Cards,m-c,r-3,payment,1.00,USD,5500000000000004,,\n" // 4
				+ "c-1,Cards,m-c,r-4,payment,1.00,USD,acct-1,,\"{\"\"pan\"\":378282246310005}\"\n"); // 5
		Path json = drop("cards.json", """
				{"name": "Cards", "externalId": "c-2", "merchantId": "m-c", "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "1", "currency": "USD", "accountId": "acct-1"},
				  {"referenceId": "r-2", "type": "payment", "amount": "1", "currency": "USD", "accountId": "acct-1",
				   "customData": {"pan": 6011111111111117}},
				  {"referenceId": "r-3", "type": "payment", "amount": "1", "currency": "USD",
				   "accountId": "2223-0000-4840-0011"}]}
				""");

		// when both are imported
		assertThat(importer.importFile(csv).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(importer.importFile(json).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// then only the good payments are in, every card-carrying row is a reject saying
		// why
		assertThat(jdbc.sql("SELECT reference_id FROM payment ORDER BY reference_id").query(String.class).list())
			.containsExactly("r-1", "r-1");
		assertThat(jdbc.sql("SELECT source, line, field, reason FROM import_reject ORDER BY source, line")
			.query((row, i) -> tuple(row.getString("source"), row.getLong("line"), row.getString("field"),
					row.getString("reason")))
			.list())
			.containsExactly(
					tuple("cards.csv", 3L, "custom_data",
							"must not carry card data: it holds a payment card number"
									+ " (the gateway forbids personal data in custom data)"),
					tuple("cards.csv", 4L, "account_id",
							"must not be a payment card number: give the account id, never a card number"),
					tuple("cards.csv", 5L, "custom_data",
							"must not carry card data: it holds a payment card number"
									+ " (the gateway forbids personal data in custom data)"),
					tuple("cards.json", 3L, "customData",
							"must not carry card data: it holds a payment card number"
									+ " (the gateway forbids personal data in custom data)"),
					tuple("cards.json", 5L, "accountId",
							"must not be a payment card number: give the account id, never a card number"));
		// and no card number is in clear in any table, nor in any file written beside the
		// inputs (the sender's own files, moved to processed/, excepted)
		String database = everyTableAsText();
		String written = everyFileWrittenAsText(csv.getFileName().toString(), json.getFileName().toString());
		assertThat(written).contains("cards.csv.rejects.csv", "411111******1111");
		PANS.forEach(pan -> {
			assertThat(digitsOnly(database)).doesNotContain(pan);
			assertThat(digitsOnly(written)).doesNotContain(pan);
		});
	}

	private static String digitsOnly(String text) {
		return text.replaceAll("(?<=[0-9])[ -](?=[0-9])", "");
	}

	private String everyTableAsText() throws SQLException {
		StringBuilder text = new StringBuilder();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%",
					new String[] { "TABLE", "BASE TABLE" })) {
				while (tables.next()) {
					String table = tables.getString("TABLE_NAME");
					try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
						int columns = rows.getMetaData().getColumnCount();
						while (rows.next()) {
							for (int i = 1; i <= columns; i++) {
								text.append(table).append(':').append(rows.getString(i)).append('\n');
							}
						}
					}
				}
			}
		}
		assertThat(text).as("the good payments were read").contains("acct-1");
		return text.toString();
	}

	/**
	 * The names and contents of every file under the input folder but the given inputs.
	 */
	private String everyFileWrittenAsText(String... inputs) throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(inputFolder.dir())) {
			files.filter(Files::isRegularFile)
				.filter(file -> !List.of(inputs).contains(file.getFileName().toString()))
				.forEach(file -> {
					try {
						text.append(file.getFileName()).append('\n').append(Files.readString(file)).append('\n');
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
		}
		return text.toString();
	}

}
