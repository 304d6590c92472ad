package com.settlebatch.ingest;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PaymentRowValidatorTests {

	private final PaymentRowValidator validator = new PaymentRowValidator();

	@Test
	void validRowBecomesAPaymentWithTheCurrencyScale() {
		ValidPayment payment = validator.process(row(r -> {
			r.amount = "12.5";
			r.dependsOn = "r-0";
			r.customData = "{ \"note\" : \"x\", \"fee\" : 0.10 }";
		}));

		assertThat(payment.source()).isEqualTo("payments.csv");
		assertThat(payment.line()).isEqualTo(7);
		assertThat(payment.batchExternalId()).isEqualTo("B-1");
		assertThat(payment.merchantId()).isEqualTo("merchant.eu:01_a-b");
		assertThat(payment.processInSequence()).isFalse();
		assertThat(payment.type()).isEqualTo(PaymentType.PAYMENT);
		assertThat(payment.amount()).isEqualTo(new BigDecimal("12.50"));
		assertThat(payment.currency()).isEqualTo(Currency.getInstance("USD"));
		assertThat(payment.dependsOn()).isEqualTo("r-0");
		assertThat(payment.customData()).isEqualTo("{\"note\":\"x\",\"fee\":0.10}");
	}

	@ParameterizedTest
	@CsvSource({ "1000, JPY, 1000", "1000.00, JPY, 1000", "0.5, BHD, 0.500", "000123456789012345.10, EUR, 123456789012345.10" })
	void amountGetsExactlyTheCurrencyScale(String amount, String currency, String expected) {
		ValidPayment payment = validator.process(row(r -> {
			r.amount = amount;
			r.currency = currency;
		}));

		assertThat(payment.amount()).isEqualTo(new BigDecimal(expected));
		assertThat(payment.amount().scale()).isEqualTo(Currency.getInstance(currency).getDefaultFractionDigits());
	}

	@Test
	void missingFieldsAreRequired() {
		RejectedRowException rejected = reject(r -> {
			r.batchExternalId = "";
			r.batchName = " ";
			r.merchantId = null;
			r.referenceId = "";
			r.type = "";
			r.amount = "";
			r.currency = "";
			r.accountId = "";
		});

		assertThat(rejected.problems()).extracting(FieldProblem::field)
			.containsExactly("batch_external_id", "batch_name", "merchant_id", "reference_id", "account_id", "type",
					"currency", "amount");
		assertThat(rejected.problems()).extracting(FieldProblem::reason).containsOnly("is required");
	}

	@ParameterizedTest
	@CsvSource({ "batch_external_id, 100", "batch_name, 200", "merchant_id, 64", "reference_id, 255", "account_id, 64",
			"depends_on, 255" })
	void overLongTextIsRejected(String column, int max) {
		String tooLong = "a".repeat(max + 1);
		assertThat(validator.process(row(r -> r.set(column, "a".repeat(max))))).isNotNull();

		assertProblem(r -> r.set(column, tooLong), column,
				"is longer than " + max + " characters (it has " + (max + 1) + ")");
	}

	@Test
	void merchantIdAllowsOnlyASmallAlphabet() {
		assertProblem(r -> r.merchantId = "m/1", "merchant_id",
				"may contain only letters, digits and the characters . _ : -");
	}

	@Test
	void paymentCannotDependOnItself() {
		assertProblem(r -> r.dependsOn = "r-1", "depends_on", "a payment cannot depend on itself");
	}

	@Test
	void typeMustBeAnExactLowercaseCode() {
		assertProblem(r -> r.type = "Payment", "type", "must be one of payment, refund, payout");
		assertThat(validator.process(row(r -> r.type = "payout")).type()).isEqualTo(PaymentType.PAYOUT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e3", " 12", "12 ", "12.", ".5", "1,000", "+5", "0x10", "12.5.1", "١٢" })
	void amountMustBeAPlainDecimal(String amount) {
		assertProblem(r -> r.amount = amount, "amount",
				"is not a plain decimal number (digits with an optional '.' and decimals, like 12.50)");
	}

	@Test
	void amountRules() {
		assertProblem(r -> r.amount = "-5.00", "amount", "must not be negative");
		assertProblem(r -> r.amount = "0.00", "amount", "must be greater than zero");
		assertProblem(r -> r.amount = "0", "amount", "must be greater than zero");
		assertProblem(r -> r.amount = "12.345", "amount", "has 3 decimals but USD allows 2");
		assertProblem(r -> {
			r.amount = "1000.5";
			r.currency = "JPY";
		}, "amount", "has 1 decimal but JPY allows 0");
		assertProblem(r -> r.amount = "1234567890123456", "amount",
				"is too large (more than 15 digits before the decimal point)");
		assertThat(validator.process(row(r -> r.amount = "123456789012345.99")).amount())
			.isEqualTo(new BigDecimal("123456789012345.99"));
	}

	@Test
	void currencyRules() {
		assertProblem(r -> r.currency = "usd", "currency", "must be an ISO 4217 code of 3 uppercase letters, like USD");
		assertProblem(r -> r.currency = "US", "currency", "must be an ISO 4217 code of 3 uppercase letters, like USD");
		assertProblem(r -> r.currency = "ABC", "currency", "is not a known ISO 4217 currency");
		assertProblem(r -> r.currency = "XAU", "currency", "has no minor unit");
		assertProblem(r -> r.currency = "XXX", "currency", "has no minor unit");
	}

	@Test
	void customDataMustBeASmallJsonObject() {
		assertProblem(r -> r.customData = "[1, 2]", "custom_data", "must be a JSON object");
		assertProblem(r -> r.customData = "{} {}", "custom_data", "must be a single JSON object (there is text after it)");
		assertThat(reject(r -> r.customData = "{\"a\": 1, \"a\": 2}").problems()).singleElement()
			.satisfies(problem -> assertThat(problem.reason()).startsWith("is not valid JSON: Duplicate Object property \"a\""));
		assertThat(reject(r -> r.customData = "{bad").problems()).singleElement()
			.satisfies(problem -> assertThat(problem.reason()).startsWith("is not valid JSON: "));
		String big = "{\"k\":\"" + "x".repeat(10240 - 8) + "\"}";
		assertThat(validator.process(row(r -> r.customData = big)).customData()).hasSize(10240 - 8 + 8);
		assertProblem(r -> r.customData = big.replace("\"k\"", "\"kk\""), "custom_data", "is larger than 10 KB (10240 bytes)");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "=SUM(A1)|'='", "+1|'+'", "-1|'-'", "@cmd|'@'" })
	void formulaCharactersCannotLeadATextField(String value, String shown) {
		for (String column : new String[] { "batch_external_id", "batch_name", "merchant_id", "reference_id",
				"account_id", "depends_on" }) {
			assertProblem(r -> r.set(column, value), column,
					"starts with " + shown + " (spreadsheet formula characters are not allowed)");
		}
	}

	@Test
	void tabsCarriageReturnsAndOtherControlCharactersAreRejected() {
		assertProblem(r -> r.batchName = "\tPayroll", "batch_name",
				"starts with a tab (spreadsheet formula characters are not allowed)");
		assertProblem(r -> r.referenceId = "\rr-1", "reference_id",
				"starts with a carriage return (spreadsheet formula characters are not allowed)");
		assertProblem(r -> r.batchName = "Pay\nroll", "batch_name", "contains a control character (U+000A)");
		assertProblem(r -> r.accountId = "a\u0000", "account_id", "contains a control character (U+0000)");
	}

	@Test
	void surroundingSpacesInIdsAreRejectedNotTrimmed() {
		assertProblem(r -> r.referenceId = " r-1", "reference_id", "has leading or trailing spaces");
		assertProblem(r -> r.batchExternalId = "B-1 ", "batch_external_id", "has leading or trailing spaces");
		assertProblem(r -> r.accountId = "acc\u00A0", "account_id", "has leading or trailing spaces");
		assertThat(validator.process(row(r -> r.batchName = "Payroll March ")).batchName()).isEqualTo("Payroll March ");
	}

	@Test
	void rowWithThreeProblemsReportsAllThree() {
		RejectedRowException rejected = reject(r -> {
			r.referenceId = "=HYPERLINK(\"x\")";
			r.amount = "-5";
			r.currency = "usd";
		});

		assertThat(rejected.problems()).containsExactly(
				new FieldProblem("reference_id", "starts with '=' (spreadsheet formula characters are not allowed)",
						"=HYPERLINK(\"x\")"),
				new FieldProblem("currency", "must be an ISO 4217 code of 3 uppercase letters, like USD", "usd"),
				new FieldProblem("amount", "must not be negative", "-5"));
		assertThat(rejected.source()).isEqualTo("payments.csv");
		assertThat(rejected.line()).isEqualTo(7);
		assertThat(rejected.batchExternalId()).isEqualTo("B-1");
		assertThat(rejected.getMessage()).isEqualTo("payments.csv line 7; reference_id: starts with '=' (spreadsheet "
				+ "formula characters are not allowed); currency: must be an ISO 4217 code of 3 uppercase letters, "
				+ "like USD; amount: must not be negative");
	}

	@Test
	void jsonRowsAreReportedWithJsonPropertyNames() {
		RejectedRowException rejected = reject(r -> {
			r.jsonPath = "$[0].payments[3]";
			r.referenceId = " r-1";
			r.batchExternalId = "";
		});

		assertThat(rejected.problems()).extracting(FieldProblem::field).containsExactly("externalId", "referenceId");
		assertThat(rejected.jsonPath()).isEqualTo("$[0].payments[3]");
	}

	@Test
	void processInSequenceIsKeptWhenGiven() {
		assertThat(validator.process(row(r -> r.processInSequence = true)).processInSequence()).isTrue();
	}

	@Test
	void echoedRawValueIsTruncatedTo200Characters() {
		FieldProblem problem = reject(r -> r.batchName = "x".repeat(500)).problems().get(0);

		assertThat(problem.rawValue()).hasSize(200);
	}

	@Test
	void rejectsFileNeutralisesFormulaCells() {
		assertThat(RejectsFile.neutralise("=SUM(A1)")).isEqualTo("'=SUM(A1)");
		assertThat(RejectsFile.neutralise("+1")).isEqualTo("'+1");
		assertThat(RejectsFile.neutralise("-1")).isEqualTo("'-1");
		assertThat(RejectsFile.neutralise("@x")).isEqualTo("'@x");
		assertThat(RejectsFile.neutralise("\tx")).isEqualTo("'\tx");
		assertThat(RejectsFile.neutralise("\rx")).isEqualTo("'\rx");
		assertThat(RejectsFile.neutralise("r-1")).isEqualTo("r-1");
		assertThat(RejectsFile.neutralise("")).isEmpty();
		assertThat(RejectsFile.neutralise(null)).isEmpty();
	}

	private void assertProblem(Consumer<Row> change, String field, String reason) {
		assertThat(reject(change).problems()).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo(field);
			assertThat(problem.reason()).isEqualTo(reason);
		});
	}

	private RejectedRowException reject(Consumer<Row> change) {
		InputRow row = row(change);
		RejectedRowException rejected = catchThrowableOfType(RejectedRowException.class, () -> validator.process(row));
		assertThat(rejected).as("rejected").isNotNull();
		return rejected;
	}

	private static InputRow row(Consumer<Row> change) {
		Row row = new Row();
		change.accept(row);
		return new InputRow("payments.csv", 7, row.jsonPath, row.batchExternalId, row.batchName, row.merchantId,
				row.processInSequence, row.referenceId, row.type, row.amount, row.currency, row.accountId, row.dependsOn,
				row.customData);
	}

	/** A valid row to spoil one field at a time. */
	private static final class Row {

		String jsonPath;

		String batchExternalId = "B-1";

		String batchName = "Payroll";

		String merchantId = "merchant.eu:01_a-b";

		Boolean processInSequence;

		String referenceId = "r-1";

		String type = "payment";

		String amount = "12.50";

		String currency = "USD";

		String accountId = "acc-1";

		String dependsOn;

		String customData;

		void set(String column, String value) {
			switch (column) {
				case "batch_external_id" -> batchExternalId = value;
				case "batch_name" -> batchName = value;
				case "merchant_id" -> merchantId = value;
				case "reference_id" -> referenceId = value;
				case "account_id" -> accountId = value;
				case "depends_on" -> dependsOn = value;
				default -> throw new IllegalArgumentException(column);
			}
		}

	}

}
