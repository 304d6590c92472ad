package com.settlebatch.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks every field of an input row. All problems of a row are reported together in one
 * {@link RejectedRowException}, so a person fixes a row once instead of once per problem. Fields
 * are named as the row's file names them (CSV column or JSON property).
 */
public class PaymentRowValidator implements ItemProcessor<InputRow, ValidPayment> {

	private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9._:-]+");

	// Not worth parsing beyond this: whitespace alone never shrinks real custom data that much.
	private static final int MAX_CUSTOM_DATA_CHARS = 1_000_000;

	@Override
	public ValidPayment process(InputRow row) {
		List<FieldProblem> problems = new ArrayList<>();
		String externalId = TextRules.check(row, PaymentField.BATCH_EXTERNAL_ID, row.batchExternalId(), 100, true,
				problems);
		String name = TextRules.check(row, PaymentField.BATCH_NAME, row.batchName(), 200, false, problems);
		String merchantId = merchantId(row, problems);
		String referenceId = TextRules.check(row, PaymentField.REFERENCE_ID, row.referenceId(), 255, true, problems);
		String accountId = TextRules.check(row, PaymentField.ACCOUNT_ID, row.accountId(), 64, true, problems);
		String dependsOn = dependsOn(row, problems);
		PaymentType type = type(row, problems);
		Currency currency = AmountRules.currency(row, problems);
		BigDecimal amount = AmountRules.amount(row, currency, problems);
		String customData = customData(row, problems);
		if (!problems.isEmpty()) {
			throw new RejectedRowException(row, problems);
		}
		return new ValidPayment(row.source(), row.line(), row.jsonPath(), externalId, name, merchantId,
				Boolean.TRUE.equals(row.processInSequence()), referenceId, type, amount, currency, accountId,
				dependsOn, customData);
	}

	private static String merchantId(InputRow row, List<FieldProblem> problems) {
		int before = problems.size();
		String merchantId = TextRules.check(row, PaymentField.MERCHANT_ID, row.merchantId(), 64, true, problems);
		if (merchantId != null && problems.size() == before && !MERCHANT_ID.matcher(merchantId).matches()) {
			problems.add(Problems.of(PaymentField.MERCHANT_ID.nameFor(row),
					"may contain only letters, digits and the characters . _ : -", merchantId));
		}
		return merchantId;
	}

	private static String dependsOn(InputRow row, List<FieldProblem> problems) {
		int before = problems.size();
		String dependsOn = TextRules.check(row, PaymentField.DEPENDS_ON, row.dependsOn(), 255, true, problems);
		if (dependsOn != null && problems.size() == before && dependsOn.equals(row.referenceId())) {
			problems.add(Problems.of(PaymentField.DEPENDS_ON.nameFor(row), "a payment cannot depend on itself",
					dependsOn));
		}
		return dependsOn;
	}

	private static PaymentType type(InputRow row, List<FieldProblem> problems) {
		String code = row.type();
		if (code == null || code.isEmpty()) {
			problems.add(Problems.of(PaymentField.TYPE.nameFor(row), "is required", code));
			return null;
		}
		return PaymentType.fromCode(code).orElseGet(() -> {
			problems.add(Problems.of(PaymentField.TYPE.nameFor(row), "must be one of payment, refund, payout", code));
			return null;
		});
	}

	private static String customData(InputRow row, List<FieldProblem> problems) {
		String raw = row.customData();
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String field = PaymentField.CUSTOM_DATA.nameFor(row);
		if (raw.length() > MAX_CUSTOM_DATA_CHARS) {
			problems.add(Problems.of(field, CompactJson.TOO_LARGE, raw));
			return null;
		}
		try {
			String compact = CompactJson.compactObject(raw);
			if (compact.getBytes(StandardCharsets.UTF_8).length > CompactJson.MAX_BYTES) {
				problems.add(Problems.of(field, CompactJson.TOO_LARGE, raw));
				return null;
			}
			return compact;
		}
		catch (IllegalArgumentException ex) {
			problems.add(Problems.of(field, ex.getMessage(), raw));
			return null;
		}
	}

}
