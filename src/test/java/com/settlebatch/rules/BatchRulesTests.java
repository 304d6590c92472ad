package com.settlebatch.rules;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.settlebatch.rules.PaymentField.Spelling;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a batch's own fields, as files and the API both apply them. */
class BatchRulesTests {

	@Test
	void missingFieldsAreRequired() {
		assertProblem(BatchRules.externalId("", Spelling.CSV), "batch_external_id", "is required");
		assertProblem(BatchRules.name(" ", Spelling.CSV), "batch_name", "is required");
		assertProblem(BatchRules.merchantId(null, Spelling.CSV), "merchant_id", "is required");
	}

	@Test
	void validFieldsHaveNoProblem() {
		assertThat(BatchRules.externalId("B-1", Spelling.CSV)).isEmpty();
		assertThat(BatchRules.name("Payroll", Spelling.CSV)).isEmpty();
		assertThat(BatchRules.merchantId("merchant.eu:01_a-b", Spelling.CSV)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "batch_external_id, 100", "batch_name, 200", "merchant_id, 64" })
	void overLongTextIsRejected(String column, int max) {
		assertThat(check(column, "a".repeat(max))).isEmpty();

		assertProblem(check(column, "a".repeat(max + 1)), column,
				"is longer than " + max + " characters (it has " + (max + 1) + ")");
	}

	@Test
	void merchantIdAllowsOnlyASmallAlphabet() {
		assertProblem(BatchRules.merchantId("m/1", Spelling.CSV), "merchant_id",
				"may contain only letters, digits and the characters . _ : -");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "=SUM(A1)|'='", "+1|'+'", "-1|'-'", "@cmd|'@'" })
	void formulaCharactersCannotLeadATextField(String value, String shown) {
		for (String column : new String[] { "batch_external_id", "batch_name", "merchant_id" }) {
			assertProblem(check(column, value), column,
					"starts with " + shown + " (spreadsheet formula characters are not allowed)");
		}
	}

	@Test
	void tabsAndOtherControlCharactersAreRejected() {
		assertProblem(BatchRules.name("\tPayroll", Spelling.CSV), "batch_name",
				"starts with a tab (spreadsheet formula characters are not allowed)");
		assertProblem(BatchRules.name("Pay\nroll", Spelling.CSV), "batch_name",
				"contains a control character (U+000A)");
	}

	@Test
	void surroundingSpacesInIdsAreRejectedNotTrimmed() {
		assertProblem(BatchRules.externalId("B-1 ", Spelling.CSV), "batch_external_id",
				"has leading or trailing spaces");
		assertThat(BatchRules.name("Payroll March ", Spelling.CSV)).isEmpty();
	}

	@Test
	void echoedRawValueIsTruncatedTo200Characters() {
		FieldProblem problem = BatchRules.name("x".repeat(500), Spelling.CSV).get(0);

		assertThat(problem.rawValue()).hasSize(200);
	}

	@Test
	void jsonSpellingNamesTheJsonProperties() {
		assertProblem(BatchRules.externalId("", Spelling.JSON), "externalId", "is required");
		assertProblem(BatchRules.name(null, Spelling.JSON), "name", "is required");
		assertProblem(BatchRules.merchantId("m/1", Spelling.JSON), "merchantId",
				"may contain only letters, digits and the characters . _ : -");
	}

	private static List<FieldProblem> check(String column, String value) {
		return switch (column) {
			case "batch_external_id" -> BatchRules.externalId(value, Spelling.CSV);
			case "batch_name" -> BatchRules.name(value, Spelling.CSV);
			case "merchant_id" -> BatchRules.merchantId(value, Spelling.CSV);
			default -> throw new IllegalArgumentException(column);
		};
	}

	private static void assertProblem(List<FieldProblem> problems, String field, String reason) {
		assertThat(problems).singleElement().satisfies(problem -> {
			assertThat(problem.field()).isEqualTo(field);
			assertThat(problem.reason()).isEqualTo(reason);
		});
	}

}
