package com.settlebatch.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.settlebatch.rules.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonPaymentReaderTests {

	@TempDir
	Path dir;

	private JsonPaymentReader reader;

	@AfterEach
	void close() {
		if (reader != null) {
			reader.close();
		}
	}

	@Test
	void readsATopLevelBatchObject() throws Exception {
		open("""
				{"name": "Payroll", "externalId": "B-1", "merchantId": "m-1", "processInSequence": true,
				 "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "12.50", "currency": "USD", "accountId": "a-1"},
				  {"referenceId": "r-2", "type": "refund", "amount": 3, "currency": "EUR", "accountId": "a-2",
				   "dependsOn": "r-1", "customData": {"note": "x", "fee": 0.10, "tags": [1, true, null]}}
				 ]}
				""");

		InputRow first = reader.read();
		InputRow second = reader.read();

		assertThat(first).isEqualTo(new InputRow("batches.json", 3, "$.payments[0]", "B-1", "Payroll", "m-1", true,
				"r-1", "payment", "12.50", "USD", "a-1", null, null));
		assertThat(second.jsonPath()).isEqualTo("$.payments[1]");
		assertThat(second.line()).isEqualTo(4);
		assertThat(second.amount()).isEqualTo("3");
		assertThat(second.dependsOn()).isEqualTo("r-1");
		assertThat(second.customData()).isEqualTo("{\"note\":\"x\",\"fee\":0.10,\"tags\":[1,true,null]}");
		assertThat(reader.read()).isNull();
		assertThat(reader.read()).isNull();
	}

	@Test
	void readsAnArrayOfBatchesWhoseFieldsComeAfterThePayments() throws Exception {
		open("""
				[
				 {"payments": [{"referenceId": "r-1", "type": "payment", "amount": 12.00, "currency": "USD", "accountId": "a"}],
				  "name": "First", "externalId": "B-1", "merchantId": "m-1"},
				 {"name": "Second", "payments": [
				   {"referenceId": 42, "type": "payout", "amount": 1e3, "currency": "JPY", "accountId": "a"}],
				  "externalId": "B-2", "merchantId": "m-2", "processInSequence": false}
				]
				""");

		InputRow first = reader.read();
		InputRow second = reader.read();

		assertThat(first).isEqualTo(new InputRow("batches.json", 2, "$[0].payments[0]", "B-1", "First", "m-1", null,
				"r-1", "payment", "12.00", "USD", "a", null, null));
		assertThat(second.jsonPath()).isEqualTo("$[1].payments[0]");
		assertThat(second.line()).isEqualTo(5);
		assertThat(second.batchExternalId()).isEqualTo("B-2");
		assertThat(second.processInSequence()).isFalse();
		assertThat(second.referenceId()).isEqualTo("42");
		assertThat(second.amount()).isEqualTo("1e3");
		assertThat(reader.read()).isNull();
	}

	@Test
	void badElementIsRejectedWithItsPathAndTheNextOneIsRead() throws Exception {
		open("""
				[{"name": "n", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"},
				  "not a payment",
				  {"referenceId": "r-3", "type": ["payment"], "amount": "1", "currency": "USD", "accountId": "a",
				   "colour": "red", "customData": "{}"},
				  {"referenceId": "r-4", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}
				]}, {"name": "n", "externalId": "B-2", "merchantId": "m", "payments": [
				  {"referenceId": "r-5", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]}]
				""");

		assertThat(reader.read().referenceId()).isEqualTo("r-1");
		RejectedRowException notObject = catchThrowableOfType(RejectedRowException.class, reader::read);
		RejectedRowException badFields = catchThrowableOfType(RejectedRowException.class, reader::read);
		InputRow fourth = reader.read();
		InputRow fifth = reader.read();

		assertThat(notObject.jsonPath()).isEqualTo("$[0].payments[1]");
		assertThat(notObject.line()).isEqualTo(3);
		assertThat(notObject.batchExternalId()).isEqualTo("B-1");
		assertThat(notObject.problems())
			.containsExactly(new FieldProblem("payment", "must be an object, not a string", "not a payment"));
		assertThat(badFields.jsonPath()).isEqualTo("$[0].payments[2]");
		assertThat(badFields.referenceId()).isEqualTo("r-3");
		assertThat(badFields.problems()).containsExactly(
				new FieldProblem("type", "must be a text value, not an array", null),
				new FieldProblem("colour", "unknown property", null),
				new FieldProblem("customData", "must be a JSON object, not a string", "{}"));
		assertThat(fourth.jsonPath()).isEqualTo("$[0].payments[3]");
		assertThat(fifth.jsonPath()).isEqualTo("$[1].payments[0]");
		assertThat(fifth.line()).isEqualTo(8);
		assertThat(reader.read()).isNull();
	}

	@Test
	void unknownBatchPropertyRejectsEveryPaymentOfThatBatch() throws Exception {
		open("""
				[{"name": "n", "externalId": "B-1", "merchantId": "m", "owner": "x", "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"},
				  {"referenceId": "r-2", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]},
				 {"name": "n", "externalId": "B-2", "merchantId": "m", "payments": [
				  {"referenceId": "r-3", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]}]
				""");

		RejectedRowException first = catchThrowableOfType(RejectedRowException.class, reader::read);
		RejectedRowException second = catchThrowableOfType(RejectedRowException.class, reader::read);

		assertThat(first.problems()).containsExactly(new FieldProblem("owner", "unknown property", null));
		assertThat(first.referenceId()).isEqualTo("r-1");
		assertThat(second.problems()).containsExactly(new FieldProblem("owner", "unknown property", null));
		assertThat(reader.read().referenceId()).isEqualTo("r-3");
	}

	@Test
	void aBatchObjectReusingAnEarlierExternalIdHasEveryPaymentRejectedWhateverItsName() throws Exception {
		// given a file whose second and third batch objects reuse the first one's
		// external id, one with the same name and one with another
		open("""
				[{"name": "n", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]},
				 {"name": "n", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-2", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]},
				 {"name": "other", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-3", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]}]
				""");

		// when it is read
		InputRow first = reader.read();
		RejectedRowException sameName = catchThrowableOfType(RejectedRowException.class, reader::read);
		RejectedRowException otherName = catchThrowableOfType(RejectedRowException.class, reader::read);

		// then the first batch's payment is read and the later ones are duplicates
		assertThat(first.referenceId()).isEqualTo("r-1");
		FieldProblem duplicate = new FieldProblem("externalId",
				"duplicate external id within the file: batch $[0] already uses it", "B-1");
		assertThat(sameName.problems()).containsExactly(duplicate);
		assertThat(sameName.jsonPath()).isEqualTo("$[1].payments[0]");
		assertThat(otherName.problems()).containsExactly(duplicate);
		assertThat(otherName.referenceId()).isEqualTo("r-3");
		assertThat(reader.read()).isNull();
	}

	@Test
	void paymentsThatAreNotAnArrayOrMissingAreRejected() throws Exception {
		open("""
				[{"name": "n", "externalId": "B-1", "merchantId": "m", "payments": {"referenceId": "r-1"}},
				 {"name": "n", "externalId": "B-2", "merchantId": "m"},
				 {"name": "n", "externalId": "B-3", "merchantId": "m", "payments": [
				  {"referenceId": "r-3", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]}]
				""");

		RejectedRowException notArray = catchThrowableOfType(RejectedRowException.class, reader::read);
		RejectedRowException missing = catchThrowableOfType(RejectedRowException.class, reader::read);

		assertThat(notArray.jsonPath()).isEqualTo("$[0].payments");
		assertThat(notArray.problems()).singleElement()
			.satisfies(problem -> assertThat(problem.reason())
				.isEqualTo("must be an array of payment objects, not an object"));
		assertThat(missing.jsonPath()).isEqualTo("$[1]");
		assertThat(missing.line()).isEqualTo(2);
		assertThat(missing.problems()).singleElement()
			.satisfies(problem -> assertThat(problem.field()).isEqualTo("payments"));
		assertThat(reader.read().jsonPath()).isEqualTo("$[2].payments[0]");
	}

	@Test
	void acceptsAByteOrderMarkAndRejectsOversizedCustomDataWithoutKeepingIt() throws Exception {
		String payment = "{\"referenceId\": \"r-%d\", \"type\": \"payment\", \"amount\": \"1\", \"currency\": \"USD\", "
				+ "\"accountId\": \"a\", \"customData\": {\"blob\": \"%s\"}}";
		open("\uFEFF{\"name\": \"n\", \"externalId\": \"B-1\", \"merchantId\": \"m\", \"payments\": ["
				+ payment.formatted(1, "x".repeat(20_000)) + ", " + payment.formatted(2, "small") + "]}");

		RejectedRowException tooLarge = catchThrowableOfType(RejectedRowException.class, reader::read);

		assertThat(tooLarge.problems())
			.containsExactly(new FieldProblem("customData", "is larger than 10 KB (10240 bytes)", null));
		assertThat(reader.read().customData()).isEqualTo("{\"blob\":\"small\"}");
	}

	@Test
	void invalidJsonIsUnreadableWithLineAndColumn() throws IOException {
		reader = new JsonPaymentReader(write("""
				[{"name": "n", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "1" "currency": "USD"}]}]
				"""));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(UnreadableInputException.class)
			.hasMessageStartingWith("batches.json line 2, column 59: invalid JSON:");
	}

	@Test
	void aTruncatedFileSaysWhereItEndsAndWhatWasExpectedWithoutParserInternals() throws IOException {
		// given files cut off inside a payment object, inside a payments array and inside
		// a string; when opened; then the reason says where the document ends and what
		// was due
		assertUnreadable("""
				[{"name": "n", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-1", "type": "payment",
				""", "batches.json: the document ends at line 3, column 1 inside an object at $[0].payments[0]:"
				+ " expected more fields or '}'");
		assertUnreadable("""
				[{"name": "n", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"},
				""", "batches.json: the document ends at line 3, column 1 inside an array at $[0].payments:"
				+ " expected more values or ']'");
		assertUnreadable("{\"name\": \"n\", \"externalId\": \"B-",
				"batches.json: the document ends at line 1, column 32 inside a string at $.externalId:"
						+ " expected its closing quote");
		assertUnreadable("[{\"payments\": []}",
				"batches.json: the document ends at line 1, column 18 inside an array at $:"
						+ " expected more values or ']'");
	}

	@Test
	void aFileWithBytesThatAreNotUtf8IsRefusedAsAWholeWithAReadableReason() throws IOException {
		// given a JSON file with one byte that is not UTF-8: its structure cannot be
		// trusted
		byte[] start = "[{\"name\": \"n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = Arrays.copyOf(start, start.length + 3);
		bytes[start.length] = (byte) 0xFF;
		bytes[start.length + 1] = '"';
		bytes[start.length + 2] = '}';
		reader = new JsonPaymentReader(Files.write(dir.resolve("batches.json"), bytes));

		// when opened; then it is unreadable, saying where and why, without parser
		// internals
		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(UnreadableInputException.class)
			.hasMessageStartingWith("batches.json line 1, column 14: invalid JSON: Invalid UTF-8 start byte 0xff")
			.message()
			.doesNotContain("Source", "REDACTED");
	}

	@Test
	void wrongTopLevelShapesAreUnreadable() throws IOException {
		assertUnreadable("42",
				"batches.json line 1, column 1: must be a batch object or an array of batch objects, not a number");
		assertUnreadable("[{\"payments\": []},\n \"x\"]",
				"batches.json line 2, column 2: $[1] must be a batch object, not a string");
		assertUnreadable("{\"payments\": []} {}", "batches.json line 1, column 18: unexpected an object after the end");
		assertUnreadable("", "batches.json");
	}

	@Test
	void restartResumesAfterTheLastCommittedItem() throws Exception {
		Path file = write("""
				{"name": "n", "externalId": "B-1", "merchantId": "m", "payments": [
				  {"referenceId": "r-1", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"},
				  7,
				  {"referenceId": "r-3", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"},
				  {"referenceId": "r-4", "type": "payment", "amount": "1", "currency": "USD", "accountId": "a"}]}
				""");
		ExecutionContext context = new ExecutionContext();
		open(file, context);
		reader.read();
		assertThatThrownBy(reader::read).isInstanceOf(RejectedRowException.class);
		reader.read();
		reader.update(context);
		reader.close();

		open(file, context);
		InputRow fourth = reader.read();

		assertThat(context.getInt("jsonPaymentReader.read.count")).isEqualTo(3);
		assertThat(fourth.referenceId()).isEqualTo("r-4");
		assertThat(fourth.jsonPath()).isEqualTo("$.payments[3]");
		assertThat(reader.read()).isNull();
	}

	private void assertUnreadable(String json, String messageStart) throws IOException {
		JsonPaymentReader unreadable = new JsonPaymentReader(write(json));
		assertThatThrownBy(() -> unreadable.open(new ExecutionContext())).isInstanceOf(UnreadableInputException.class)
			.hasMessageStartingWith(messageStart)
			.message()
			.doesNotContain("Source", "REDACTED", "#UNKNOWN", "StreamReadFeature");
	}

	private Path write(String json) throws IOException {
		return Files.writeString(dir.resolve("batches.json"), json, StandardCharsets.UTF_8);
	}

	private void open(String json) throws IOException {
		open(write(json), new ExecutionContext());
	}

	private void open(Path file, ExecutionContext context) {
		reader = new JsonPaymentReader(file);
		reader.open(context);
	}

}
