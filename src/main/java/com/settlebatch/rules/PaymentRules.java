package com.settlebatch.rules;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import com.settlebatch.json.ExactJson;
import com.settlebatch.masking.CardNumbers;
import com.settlebatch.rules.PaymentField.Spelling;

/**
 * The rules of a payment's own fields, the same for an imported file and the API. Every
 * problem of a payment is reported together, so a sender fixes a payment once instead of
 * once per problem.
 */
public final class PaymentRules {

	/** Custom data above this many UTF-8 bytes (compact form) is refused. */
	public static final int MAX_CUSTOM_DATA_BYTES = 10240;

	public static final String CUSTOM_DATA_TOO_LARGE = "is larger than 10 KB (" + MAX_CUSTOM_DATA_BYTES + " bytes)";

	/**
	 * The gateway forbids personal data in custom data, and a card number stored there
	 * would sit in clear in the database.
	 */
	public static final String CUSTOM_DATA_CARRIES_CARD = "must not carry card data: it holds a payment card number"
			+ " (the gateway forbids personal data in custom data)";

	/**
	 * An account id is the gateway's account, never a card: it would be stored in clear.
	 */
	public static final String ACCOUNT_ID_IS_CARD = "must not be a payment card number: give the account id, "
			+ "never a card number";

	// Not worth parsing beyond this: whitespace alone never shrinks real custom data that
	// much.
	private static final int MAX_CUSTOM_DATA_CHARS = 1_000_000;

	/**
	 * What the rules found.
	 *
	 * @param payment the payment when no rule failed, else null
	 * @param problems every problem, in field order; empty when the payment passed
	 */
	public record Checked(PaymentDetails payment, List<FieldProblem> problems) {

		public boolean passed() {
			return problems.isEmpty();
		}

	}

	private PaymentRules() {
	}

	public static Checked check(RawPayment raw, Spelling spelling) {
		List<FieldProblem> problems = new ArrayList<>();
		String referenceId = TextRules.check(PaymentField.REFERENCE_ID, spelling, raw.referenceId(), 255, true,
				problems);
		String accountId = accountId(raw.accountId(), spelling, problems);
		String dependsOn = dependsOn(raw, spelling, problems);
		PaymentType type = type(raw.type(), spelling, problems);
		Currency currency = AmountRules.currency(raw.currency(), spelling, problems);
		BigDecimal amount = AmountRules.amount(raw.amount(), currency, spelling, problems);
		String customData = customData(raw.customData(), spelling, problems);
		if (!problems.isEmpty()) {
			return new Checked(null, List.copyOf(problems));
		}
		return new Checked(new PaymentDetails(referenceId, type, amount, currency, accountId, dependsOn, customData),
				List.of());
	}

	private static String accountId(String raw, Spelling spelling, List<FieldProblem> problems) {
		int before = problems.size();
		String accountId = TextRules.check(PaymentField.ACCOUNT_ID, spelling, raw, 64, true, problems);
		if (problems.size() == before && CardNumbers.containsCardNumber(accountId)) {
			problems.add(Problems.of(PaymentField.ACCOUNT_ID.nameIn(spelling), ACCOUNT_ID_IS_CARD, accountId));
		}
		return accountId;
	}

	private static String dependsOn(RawPayment raw, Spelling spelling, List<FieldProblem> problems) {
		int before = problems.size();
		String dependsOn = TextRules.check(PaymentField.DEPENDS_ON, spelling, raw.dependsOn(), 255, true, problems);
		if (dependsOn != null && problems.size() == before && dependsOn.equals(raw.referenceId())) {
			problems.add(Problems.of(PaymentField.DEPENDS_ON.nameIn(spelling), "a payment cannot depend on itself",
					dependsOn));
		}
		return dependsOn;
	}

	private static PaymentType type(String code, Spelling spelling, List<FieldProblem> problems) {
		String field = PaymentField.TYPE.nameIn(spelling);
		if (code == null || code.isEmpty()) {
			problems.add(Problems.of(field, "is required", code));
			return null;
		}
		return PaymentType.fromCode(code).orElseGet(() -> {
			problems.add(Problems.of(field, "must be one of payment, refund, payout", code));
			return null;
		});
	}

	private static String customData(String raw, Spelling spelling, List<FieldProblem> problems) {
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String field = PaymentField.CUSTOM_DATA.nameIn(spelling);
		if (raw.length() > MAX_CUSTOM_DATA_CHARS) {
			problems.add(Problems.of(field, CUSTOM_DATA_TOO_LARGE, raw));
			return null;
		}
		try {
			String compact = ExactJson.compactObject(raw);
			if (compact.getBytes(StandardCharsets.UTF_8).length > MAX_CUSTOM_DATA_BYTES) {
				problems.add(Problems.of(field, CUSTOM_DATA_TOO_LARGE, raw));
				return null;
			}
			if (CardNumbers.containsCardNumber(compact)) {
				problems.add(Problems.of(field, CUSTOM_DATA_CARRIES_CARD, raw));
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
