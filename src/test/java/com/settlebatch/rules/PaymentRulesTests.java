package com.settlebatch.rules;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.settlebatch.rules.PaymentField.Spelling;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a payment's own fields, as files and the API both apply them. */
class PaymentRulesTests {

	@Test
	void validPaymentGetsTheCurrencyScaleAndCompactCustomData() {
		// given
		RawPayment raw = raw(p -> {
			p.amount = "12.5";
			p.dependsOn = "r-0";
			p.customData = "{ \"note\" : \"x\", \"fee\" : 0.10 }";
		});

		// when
		PaymentRules.Checked checked = PaymentRules.check(raw, Spelling.CSV);

		// then
		assertThat(checked.passed()).isTrue();
		PaymentDetails payment = checked.payment();
		assertThat(payment.referenceId()).isEqualTo("r-1");
		assertThat(payment.type()).isEqualTo(PaymentType.PAYMENT);
		assertThat(payment.amount()).isEqualTo(new BigDecimal("12.50"));
		assertThat(payment.currency()).isEqualTo(Currency.getInstance("USD"));
		assertThat(payment.accountId()).isEqualTo("acc-1");
		assertThat(payment.dependsOn()).isEqualTo("r-0");
		assertThat(payment.customData()).isEqualTo("{\"note\":\"x\",\"fee\":0.10}");
	}

	@Test
	void emptyOptionalFieldsBecomeNull() {
		PaymentDetails payment = pass(p -> {
			p.dependsOn = "";
			p.customData = "";
		});

		assertThat(payment.dependsOn()).isNull();
		assertThat(payment.customData()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "1000, JPY, 1000", "1000.00, JPY, 1000", "0.5, BHD, 0.500",
			"000123456789012345.10, EUR, 123456789012345.10" })
	void amountGetsExactlyTheCurrencyScale(String amount, String currency, String expected) {
		PaymentDetails payment = pass(p -> {
			p.amount = amount;
			p.currency = currency;
		});

		assertThat(payment.amount()).isEqualTo(new BigDecimal(expected));
		assertThat(payment.amount().scale()).isEqualTo(Currency.getInstance(currency).getDefaultFractionDigits());
	}

	@Test
	void missingFieldsAreRequiredInFieldOrder() {
		PaymentRules.Checked checked = check(p -> {
			p.referenceId = "";
			p.type = "";
			p.amount = "";
			p.currency = "";
			p.accountId = null;
		});

		assertThat(checked.payment()).isNull();
		assertThat(checked.problems()).extracting(FieldProblem::field)
			.containsExactly("reference_id", "account_id", "type", "currency", "amount");
		assertThat(checked.problems()).extracting(FieldProblem::reason).containsOnly("is required");
	}

	@ParameterizedTest
	@CsvSource({ "reference_id, 255", "account_id, 64", "depends_on, 255" })
	void overLongTextIsRejected(String column, int max) {
		assertThat(check(p -> p.set(column, "a".repeat(max))).passed()).isTrue();

		assertProblem(p -> p.set(column, "a".repeat(max + 1)), column,
				"is longer than " + max + " characters (it has " + (max + 1) + ")");
	}

	@Test
	void paymentCannotDependOnItself() {
		assertProblem(p -> p.dependsOn = "r-1", "depends_on", "a payment cannot depend on itself");
	}

	@Test
	void typeMustBeAnExactLowercaseCode() {
		assertProblem(p -> p.type = "Payment", "type", "must be one of payment, refund, payout");
		assertThat(pass(p -> p.type = "payout").type()).isEqualTo(PaymentType.PAYOUT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e3", " 12", "12 ", "12.", ".5", "1,000", "+5", "0x10", "12.5.1", "١٢" })
	void amountMustBeAPlainDecimal(String amount) {
		assertProblem(p -> p.amount = amount, "amount",
				"is not a plain decimal number (digits with an optional '.' and decimals, like 12.50)");
	}

	@Test
	void amountRules() {
		assertProblem(p -> p.amount = "-5.00", "amount", "must not be negative");
		assertProblem(p -> p.amount = "0.00", "amount", "must be greater than zero");
		assertProblem(p -> p.amount = "0", "amount", "must be greater than zero");
		assertProblem(p -> p.amount = "12.345", "amount", "has 3 decimals but USD allows 2");
		assertProblem(p -> {
			p.amount = "1000.5";
			p.currency = "JPY";
		}, "amount", "has 1 decimal but JPY allows 0");
		assertProblem(p -> p.amount = "1234567890123456", "amount",
				"is too large (more than 15 digits before the decimal point)");
		assertThat(pass(p -> p.amount = "123456789012345.99").amount()).isEqualTo(new BigDecimal("123456789012345.99"));
	}

	@Test
	void currencyRules() {
		assertProblem(p -> p.currency = "usd", "currency", "must be an ISO 4217 code of 3 uppercase letters, like USD");
		assertProblem(p -> p.currency = "US", "currency", "must be an ISO 4217 code of 3 uppercase letters, like USD");
		assertProblem(p -> p.currency = "ABC", "currency", "is not a known ISO 4217 currency");
		assertProblem(p -> p.currency = "XAU", "currency", "has no minor unit");
		assertProblem(p -> p.currency = "XXX", "currency", "has no minor unit");
	}

	@Test
	void customDataMustBeASmallJsonObject() {
		assertProblem(p -> p.customData = "[1, 2]", "custom_data", "must be a JSON object, not an array");
		assertProblem(p -> p.customData = "\"text\"", "custom_data", "must be a JSON object, not a string");
		String big = "{\"k\":\"" + "x".repeat(10240 - 8) + "\"}";
		assertThat(pass(p -> p.customData = big).customData()).hasSize(10240 - 8 + 8);
		assertProblem(p -> p.customData = big.replace("\"k\"", "\"kk\""), "custom_data",
				"is larger than 10 KB (10240 bytes)");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			{"order": 1                 | it ends before its closing }
			{"order": [1, 2             | it ends before its closing }
			{"order": "A-1              | it ends inside a string, before its closing "
			{} {}                       | there is text after its closing }
			{"order": 1}}               | there is text after its closing }
			{"order": 1} trailing       | there is text after its closing }
			{'order': 1}                | a key is not in double quotes (at character 2)
			{order: 1}                  | a key is not in double quotes (at character 2)
			{"order": 1,}               | a comma comes right before its closing } (at character 13)
			{"order": 1 "shop": 2}      | a comma is missing between two entries (at character 13)
			{"order" 1}                 | a colon is missing after a key (at character 10)
			{"order": }                 | a value is missing (at character 11)
			{"order": tru}              | tru is not a JSON value: text must be in double quotes (at character 11)
			{"order": NaN}              | NaN is not a JSON value: text must be in double quotes (at character 11)
			{"order": 01}               | a number is not written as JSON writes numbers (at character 12)
			{"order": 1, "order": 2}    | the key "order" appears twice
			not json                    | it does not start with {
			""")
	void customDataThatIsNotAJsonObjectIsRejectedWithAReasonInPlainWords(String customData, String reason) {
		assertThat(check(p -> p.customData = customData).problems()).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo("custom_data");
			assertThat(problem.reason()).isEqualTo("is not a JSON object: " + reason);
		});
	}

	@Test
	void aLineBreakInsideACustomDataStringIsRejectedWithAReasonInPlainWords() {
		assertProblem(p -> p.customData = "{\"note\": \"two\nlines\"}", "custom_data",
				"is not a JSON object: a string holds a line break or another control character, "
						+ "which must be escaped as \\n, \\t, ... (at character 14)");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "=SUM(A1)|'='", "+1|'+'", "-1|'-'", "@cmd|'@'" })
	void formulaCharactersCannotLeadATextField(String value, String shown) {
		for (String column : new String[] { "reference_id", "account_id", "depends_on" }) {
			assertProblem(p -> p.set(column, value), column,
					"starts with " + shown + " (spreadsheet formula characters are not allowed)");
		}
	}

	@Test
	void carriageReturnsAndOtherControlCharactersAreRejected() {
		assertProblem(p -> p.referenceId = "\rr-1", "reference_id",
				"starts with a carriage return (spreadsheet formula characters are not allowed)");
		assertProblem(p -> p.accountId = "a\u0000", "account_id", "contains a control character (U+0000)");
	}

	@Test
	void surroundingSpacesInIdsAreRejectedNotTrimmed() {
		assertProblem(p -> p.referenceId = " r-1", "reference_id", "has leading or trailing spaces");
		assertProblem(p -> p.accountId = "acc\u00A0", "account_id", "has leading or trailing spaces");
	}

	@Test
	void paymentWithThreeProblemsReportsAllThree() {
		PaymentRules.Checked checked = check(p -> {
			p.referenceId = "=HYPERLINK(\"x\")";
			p.amount = "-5";
			p.currency = "usd";
		});

		assertThat(checked.problems()).containsExactly(
				new FieldProblem("reference_id", "starts with '=' (spreadsheet formula characters are not allowed)",
						"=HYPERLINK(\"x\")"),
				new FieldProblem("currency", "must be an ISO 4217 code of 3 uppercase letters, like USD", "usd"),
				new FieldProblem("amount", "must not be negative", "-5"));
	}

	@Test
	void jsonSpellingNamesTheJsonProperties() {
		PaymentRules.Checked checked = PaymentRules.check(raw(p -> {
			p.referenceId = " r-1";
			p.customData = "[]";
		}), Spelling.JSON);

		assertThat(checked.problems()).extracting(FieldProblem::field).containsExactly("referenceId", "customData");
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004", "2223000048400011",
			"378282246310005", "6011111111111117", "3530111333300000", "30569309025904", "acct-4111111111111111" })
	void anAccountIdThatIsACardNumberIsRefusedWithoutEchoingIt(String card) {
		// given an account id holding a Luhn-valid number in a card brand's range
		// when checked
		PaymentRules.Checked checked = check(p -> p.accountId = card);

		// then it is refused, and the problem shows the number masked only
		assertThat(checked.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo("account_id");
			assertThat(problem.reason()).isEqualTo(PaymentRules.ACCOUNT_ID_IS_CARD);
			assertThat(problem.rawValue()).contains("****").doesNotContain(card.replaceAll("[ -]", ""), card);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "acct-1001", "1732600000001", "9111111111111110", "7000000000000005", "4111111111111112",
			"01a21445-7213-7674-9a77-45917f43399b" })
	void anAccountIdThatIsNoCardNumberPasses(String accountId) {
		// given an id that is not Luhn-valid, or Luhn-valid outside every card brand's
		// range
		// (an epoch in milliseconds, a bank's number), or a UUID; when checked; then it
		// passes
		assertThat(pass(p -> p.accountId = accountId).accountId()).isEqualTo(accountId);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"card\": \"4111111111111111\"}", "{\"pan\": 5500000000000004}",
			"{\"note\": \"paid with 3782 822463 10005, thanks\"}", "{\"a\": [{\"b\": \"6011-1111-1111-1117\"}]}" })
	void customDataCarryingACardNumberIsRefusedWithoutEchoingIt(String customData) {
		// given custom data with a card number anywhere in it
		// when checked
		PaymentRules.Checked checked = PaymentRules.check(raw(p -> p.customData = customData), Spelling.JSON);

		// then it is refused for carrying card data, the number masked in the problem
		assertThat(checked.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo("customData");
			assertThat(problem.reason()).startsWith("must not carry card data");
			assertThat(problem.rawValue()).contains("****")
				.doesNotContainPattern("[0-9]{7}")
				.doesNotContain("3782 822463 10005", "6011-1111-1111-1117");
		});
	}

	@Test
	void customDataWithLongNumbersThatAreNoCardsPasses() {
		assertThat(pass(p -> p.customData = "{\"at\": 1732600000001, \"ref\": \"9111111111111110\"}").customData())
			.isEqualTo("{\"at\":1732600000001,\"ref\":\"9111111111111110\"}");
	}

	private static void assertProblem(Consumer<Payment> change, String field, String reason) {
		assertThat(check(change).problems()).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo(field);
			assertThat(problem.reason()).isEqualTo(reason);
		});
	}

	private static PaymentDetails pass(Consumer<Payment> change) {
		PaymentRules.Checked checked = check(change);
		assertThat(checked.problems()).as("problems").isEmpty();
		return checked.payment();
	}

	private static PaymentRules.Checked check(Consumer<Payment> change) {
		return PaymentRules.check(raw(change), Spelling.CSV);
	}

	private static RawPayment raw(Consumer<Payment> change) {
		Payment payment = new Payment();
		change.accept(payment);
		return new RawPayment(payment.referenceId, payment.type, payment.amount, payment.currency, payment.accountId,
				payment.dependsOn, payment.customData);
	}

	/** A valid payment to spoil one field at a time. */
	private static final class Payment {

		String referenceId = "r-1";

		String type = "payment";

		String amount = "12.50";

		String currency = "USD";

		String accountId = "acc-1";

		String dependsOn;

		String customData;

		void set(String column, String value) {
			switch (column) {
				case "reference_id" -> referenceId = value;
				case "account_id" -> accountId = value;
				case "depends_on" -> dependsOn = value;
				default -> throw new IllegalArgumentException(column);
			}
		}

	}

}
