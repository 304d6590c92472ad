package com.settlebatch.rules;

import com.settlebatch.masking.CardNumbers;

/**
 * A payment's own fields exactly as sent (a file's cells or a request's properties),
 * before any rule.
 *
 * @param amount the amount exactly as written (a JSON number keeps its text:
 * {@code 12.00})
 * @param customData a JSON object as text, or null
 */
public record RawPayment(String referenceId, String type, String amount, String currency, String accountId,
		String dependsOn, String customData) {

	/**
	 * Only the reference: account ids and custom data may hold card numbers or personal
	 * data.
	 */
	@Override
	public String toString() {
		return "RawPayment[reference=" + CardNumbers.mask(referenceId) + "]";
	}

}
