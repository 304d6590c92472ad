package com.settlebatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.settlebatch.rules.PaymentField.Spelling;

/**
 * The rules of a batch's own fields, the same for an imported file and the API: a name or
 * merchant one entry point takes is one every entry point takes. Each method reports at
 * most one problem.
 */
public final class BatchRules {

	private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9._:-]+");

	private BatchRules() {
	}

	public static List<FieldProblem> externalId(String externalId, Spelling spelling) {
		List<FieldProblem> problems = new ArrayList<>();
		TextRules.check(PaymentField.BATCH_EXTERNAL_ID, spelling, externalId, 100, true, problems);
		return problems;
	}

	public static List<FieldProblem> name(String name, Spelling spelling) {
		List<FieldProblem> problems = new ArrayList<>();
		TextRules.check(PaymentField.BATCH_NAME, spelling, name, 200, false, problems);
		return problems;
	}

	/**
	 * Merchant ids count batchnums and name the merchant at the gateway, so only a small
	 * alphabet is taken.
	 */
	public static List<FieldProblem> merchantId(String merchantId, Spelling spelling) {
		List<FieldProblem> problems = new ArrayList<>();
		String checked = TextRules.check(PaymentField.MERCHANT_ID, spelling, merchantId, 64, true, problems);
		if (checked != null && problems.isEmpty() && !MERCHANT_ID.matcher(checked).matches()) {
			problems.add(Problems.of(PaymentField.MERCHANT_ID.nameIn(spelling),
					"may contain only letters, digits and the characters . _ : -", checked));
		}
		return problems;
	}

}
