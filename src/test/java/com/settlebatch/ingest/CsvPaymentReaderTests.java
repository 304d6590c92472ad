package com.settlebatch.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CsvPaymentReaderTests {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on,custom_data";

	@TempDir
	Path dir;

	private CsvPaymentReader reader;

	@AfterEach
	void close() {
		if (reader != null) {
			reader.close();
		}
	}

	@Test
	void readsUtf8WithBomAndCrlf() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		bytes.write((HEADER + "\r\n" + "B-1,Payroll,m-1,r-1,payment,12.00,USD,acc-1,,\r\n"
				+ "B-1,Payroll,m-1,r-2,refund,3.50,EUR,acc-ü,r-1,\"{\"\"k\"\":1}\"\r\n")
			.getBytes(StandardCharsets.UTF_8));
		Path file = Files.write(dir.resolve("payments.csv"), bytes.toByteArray());

		open(file);
		InputRow first = reader.read();
		InputRow second = reader.read();

		assertThat(first).isEqualTo(new InputRow("payments.csv", 2, null, "B-1", "Payroll", "m-1", null, "r-1",
				"payment", "12.00", "USD", "acc-1", null, null));
		assertThat(second.line()).isEqualTo(3);
		assertThat(second.accountId()).isEqualTo("acc-ü");
		assertThat(second.dependsOn()).isEqualTo("r-1");
		assertThat(second.customData()).isEqualTo("{\"k\":1}");
		assertThat(reader.read()).isNull();
	}

	@Test
	void acceptsAnyColumnOrderAndAbsentOptionalColumns() throws Exception {
		Path file = write("amount,currency,type,account_id,reference_id,merchant_id,batch_name,batch_external_id\n"
				+ " 12,usd,payment,acc-1,r-1,m-1,Payroll,B-1\n");

		open(file);
		InputRow row = reader.read();

		assertThat(row).isEqualTo(new InputRow("payments.csv", 2, null, "B-1", "Payroll", "m-1", null, "r-1", "payment",
				" 12", "usd", "acc-1", null, null));
	}

	@Test
	void requiredEmptyCellsStayEmptyForTheValidatorToJudge() throws Exception {
		open(write(HEADER + "\n,,,,,,,,,\n"));

		InputRow row = reader.read();

		assertThat(row.batchExternalId()).isEmpty();
		assertThat(row.amount()).isEmpty();
		assertThat(row.dependsOn()).isNull();
		assertThat(row.customData()).isNull();
	}

	@Test
	void unknownColumnMakesTheFileUnreadable() throws IOException {
		Path file = write(HEADER + ",colour\nB-1,n,m,r,payment,1,USD,a,,,red\n");
		reader = new CsvPaymentReader(file);

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(UnreadableInputException.class)
			.hasMessageContaining("payments.csv")
			.hasMessageContaining("unknown column(s) \"colour\"")
			.hasMessageContaining("Expected columns (any order): batch_external_id, batch_name, merchant_id,")
			.hasMessageContaining("depends_on (optional), custom_data (optional)");
	}

	@Test
	void duplicateAndMissingColumnsAreAllNamed() throws IOException {
		Path file = write("batch_external_id,batch_name,merchant_id,reference_id,type,type,currency,account_id\n");
		reader = new CsvPaymentReader(file);

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(UnreadableInputException.class)
			.hasMessageContaining("duplicate column(s) \"type\"")
			.hasMessageContaining("missing required column(s) \"amount\"");
	}

	@Test
	void emptyFileIsUnreadable() throws IOException {
		reader = new CsvPaymentReader(write(""));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(UnreadableInputException.class)
			.hasMessageContaining("payments.csv is empty")
			.hasMessageContaining("batch_external_id");
	}

	@Test
	void quotedCellsWithCommasAndNewlinesKeepLineNumbersRight() throws Exception {
		open(write(HEADER + "\n" + "B-1,\"Payroll, March\",m-1,r-1,payment,1.00,USD,acc,,\n"
				+ "B-1,\"two\nline\r\nname\",m-1,r-2,payment,1.00,USD,acc,,\n" + "\n"
				+ "B-1,Payroll,m-1,r-3,payment,1.00,USD,acc,,\n"));

		InputRow first = reader.read();
		InputRow second = reader.read();
		InputRow third = reader.read();

		assertThat(first.batchName()).isEqualTo("Payroll, March");
		assertThat(first.line()).isEqualTo(2);
		assertThat(second.batchName()).isEqualTo("two\nline\r\nname");
		assertThat(second.line()).isEqualTo(3);
		assertThat(third.referenceId()).isEqualTo("r-3");
		assertThat(third.line()).isEqualTo(7);
		assertThat(reader.read()).isNull();
	}

	@Test
	void recordWithWrongCellCountIsRejectedAndReadingGoesOn() throws Exception {
		open(write(HEADER + "\n" + "B-1,Payroll,m-1,r-1,payment,1.00,USD,acc,,\n"
				+ "B-1,Payroll,m-1,r-2,payment,1,000.00,USD,acc,,\n" + "B-1,Payroll,m-1,r-3,payment,1.00,USD,acc,,\n"));

		assertThat(reader.read().referenceId()).isEqualTo("r-1");
		RejectedRowException rejected = catchThrowableOfType(RejectedRowException.class, reader::read);
		InputRow next = reader.read();

		assertThat(rejected.source()).isEqualTo("payments.csv");
		assertThat(rejected.line()).isEqualTo(3);
		assertThat(rejected.referenceId()).isEqualTo("r-2");
		assertThat(rejected.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo("record");
			assertThat(problem.reason()).isEqualTo("has 11 cells but the header has 10");
		});
		assertThat(next.referenceId()).isEqualTo("r-3");
		assertThat(next.line()).isEqualTo(4);
	}

	@Test
	void unterminatedQuoteIsUnreadableAtItsLine() throws Exception {
		open(write(HEADER + "\n" + "B-1,Payroll,m-1,r-1,payment,1.00,USD,acc,,\n"
				+ "B-1,\"Payroll,m-1,r-2,payment,1.00,USD,acc,,\n" + "B-1,Payroll,m-1,r-3,payment,1.00,USD,acc,,\n"));

		reader.read();

		assertThatThrownBy(reader::read).isInstanceOf(UnreadableInputException.class)
			.hasMessageStartingWith("payments.csv line 3: broken CSV");
	}

	@Test
	void aRecordWithBytesThatAreNotUtf8IsRejectedAtItsLineAndTheOthersAreRead() throws Exception {
		// given 400 good rows, a row with a malformed byte sequence, a quoted cell
		// spanning two lines with a bad byte on its second, and a good row after each
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < 400; i++) {
			bytes.write(("B-1,Payroll,m-1,r-" + i + ",payment,1.00,USD,acc,,\n").getBytes(StandardCharsets.UTF_8));
		}
		bytes.write("B-1,Pay".getBytes(StandardCharsets.UTF_8));
		bytes.write(new byte[] { (byte) 0xC3, (byte) 0x28 });
		bytes.write("roll,m-1,r-x,payment,1.00,USD,acc,,\n".getBytes(StandardCharsets.UTF_8));
		bytes.write("B-1,Payroll,m-1,r-after,payment,1.00,USD,acc,,\n".getBytes(StandardCharsets.UTF_8));
		bytes.write("B-1,\"Pay\nroll".getBytes(StandardCharsets.UTF_8));
		bytes.write(new byte[] { (byte) 0xFF });
		bytes.write("\",m-1,r-y,payment,1.00,USD,acc,,\n".getBytes(StandardCharsets.UTF_8));
		bytes.write("B-1,Payroll,m-1,r-last,payment,1.00,USD,acc,,".getBytes(StandardCharsets.UTF_8));
		Path file = Files.write(dir.resolve("payments.csv"), bytes.toByteArray());
		open(file);

		// when every row is read
		for (int i = 0; i < 400; i++) {
			reader.read();
		}
		RejectedRowException bad = catchThrowableOfType(RejectedRowException.class, reader::read);
		InputRow after = reader.read();
		RejectedRowException spanning = catchThrowableOfType(RejectedRowException.class, reader::read);
		InputRow last = reader.read();

		// then only the records holding the bad bytes are rejected, each at its line
		assertThat(bad.line()).isEqualTo(402);
		assertThat(bad.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo("record");
			assertThat(problem.reason()).startsWith("is not valid UTF-8 at line 402 (byte offset ");
			assertThat(problem.rawValue()).isNull();
		});
		assertThat(after.referenceId()).isEqualTo("r-after");
		assertThat(after.line()).isEqualTo(403);
		assertThat(spanning.line()).isEqualTo(404);
		assertThat(spanning.problems()).singleElement()
			.satisfies(problem -> assertThat(problem.reason()).startsWith("is not valid UTF-8 at line 405"));
		assertThat(last.referenceId()).isEqualTo("r-last");
		assertThat(last.line()).isEqualTo(406);
		assertThat(reader.read()).isNull();
	}

	@Test
	void aHeaderWithBytesThatAreNotUtf8MakesTheFileUnreadable() throws Exception {
		// given a header row with a byte that is not UTF-8
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write("batch_external_id,batch_n".getBytes(StandardCharsets.UTF_8));
		bytes.write(new byte[] { (byte) 0xE9 });
		bytes.write("me\nB-1\n".getBytes(StandardCharsets.UTF_8));
		reader = new CsvPaymentReader(Files.write(dir.resolve("payments.csv"), bytes.toByteArray()));

		// when opened; then no row can be trusted to its column
		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(UnreadableInputException.class)
			.hasMessage("payments.csv line 1: the header row is not valid UTF-8 at line 1 (byte offset 25)");
	}

	@Test
	void restartResumesAfterTheLastCommittedItem() throws Exception {
		Path file = write(HEADER + "\n" + "B-1,Payroll,m-1,r-1,payment,1.00,USD,acc,,\n" + "B-1,too,few,cells\n"
				+ "B-1,Payroll,m-1,r-3,payment,1.00,USD,acc,,\n" + "B-1,Payroll,m-1,r-4,payment,1.00,USD,acc,,\n"
				+ "B-1,Payroll,m-1,r-5,payment,1.00,USD,acc,,\n");
		ExecutionContext context = new ExecutionContext();
		open(file, context);
		reader.read();
		assertThatThrownBy(reader::read).isInstanceOf(RejectedRowException.class);
		reader.read();
		reader.update(context);
		reader.close();

		open(file, context);
		InputRow fourth = reader.read();

		assertThat(context.getInt("csvPaymentReader.read.count")).isEqualTo(3);
		assertThat(fourth.referenceId()).isEqualTo("r-4");
		assertThat(fourth.line()).isEqualTo(5);
		assertThat(reader.read().referenceId()).isEqualTo("r-5");
		assertThat(reader.read()).isNull();
	}

	private Path write(String content) throws IOException {
		return Files.writeString(dir.resolve("payments.csv"), content, StandardCharsets.UTF_8);
	}

	private void open(Path file) {
		open(file, new ExecutionContext());
	}

	private void open(Path file, ExecutionContext context) {
		reader = new CsvPaymentReader(file);
		reader.open(context);
	}

}
