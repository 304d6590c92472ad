package com.settlebatch.rules;

import java.math.BigDecimal;
import java.util.Currency;

import com.settlebatch.masking.CardNumbers;

/**
 * A payment's own fields once every rule passed.
 *
 * @param amount exact, positive, with the currency's scale ({@code 12.50} for USD,
 * {@code 1000} for JPY)
 * @param dependsOn the reference of the payment this one waits for, or null
 * @param customData a compact JSON object of at most 10 KB, or null
 */
public record PaymentDetails(String referenceId, PaymentType type, BigDecimal amount, Currency currency,
		String accountId, String dependsOn, String customData) {

	/**
	 * Only the reference: account ids and custom data may hold card numbers or personal
	 * data.
	 */
	@Override
	public String toString() {
		return "PaymentDetails[reference=" + CardNumbers.mask(referenceId) + "]";
	}

}
