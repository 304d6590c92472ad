package com.settlebatch.ingest;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.settlebatch.rules.FieldProblem;
import com.settlebatch.rules.PaymentType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The import's adapter from an input row to the rules: every field rule is a plain unit
 * test beside the rules ({@code com.settlebatch.rules}); here, what the adapter adds (the
 * row's location, the batch and payment problems of a row together, field names spelled
 * as the file spells them).
 */
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

	@Test
	void rowWithABatchAndTwoPaymentProblemsReportsAllThreeInOneReject() {
		// given a row whose batch name and payment amount and currency break the rules
		// when
		RejectedRowException rejected = reject(r -> {
			r.batchName = "=HYPERLINK(\"x\")";
			r.amount = "-5";
			r.currency = "usd";
		});

		// then
		assertThat(rejected.problems()).containsExactly(
				new FieldProblem("batch_name", "starts with '=' (spreadsheet formula characters are not allowed)",
						"=HYPERLINK(\"x\")"),
				new FieldProblem("currency", "must be an ISO 4217 code of 3 uppercase letters, like USD", "usd"),
				new FieldProblem("amount", "must not be negative", "-5"));
		assertThat(rejected.source()).isEqualTo("payments.csv");
		assertThat(rejected.line()).isEqualTo(7);
		assertThat(rejected.batchExternalId()).isEqualTo("B-1");
		assertThat(rejected.referenceId()).isEqualTo("r-1");
		assertThat(rejected.getMessage()).isEqualTo("payments.csv line 7; batch_name: starts with '=' (spreadsheet "
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
				row.processInSequence, row.referenceId, row.type, row.amount, row.currency, row.accountId,
				row.dependsOn, row.customData);
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

	}

}
