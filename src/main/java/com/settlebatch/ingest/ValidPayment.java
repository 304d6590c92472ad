package com.settlebatch.ingest;

import java.math.BigDecimal;
import java.util.Currency;

import com.settlebatch.masking.CardNumbers;
import com.settlebatch.rules.PaymentType;

/**
 * A row that passed every field rule; what the import writer stores.
 *
 * @param amount exact, positive, with the currency's scale ({@code 12.50} for USD,
 * {@code 1000} for JPY)
 * @param customData a compact JSON object of at most 10 KB, or null
 */
public record ValidPayment(String source, long line, String jsonPath, String batchExternalId, String batchName,
		String merchantId, boolean processInSequence, String referenceId, PaymentType type, BigDecimal amount,
		Currency currency, String accountId, String dependsOn, String customData) {

	public String location() {
		return jsonPath == null ? source + " line " + line : source + " " + jsonPath + " (line " + line + ")";
	}

	/**
	 * Only what locates the row: account ids and custom data may hold card numbers or
	 * personal data.
	 */
	@Override
	public String toString() {
		return "ValidPayment[" + location() + ", batch=" + CardNumbers.mask(batchExternalId) + ", reference="
				+ CardNumbers.mask(referenceId) + "]";
	}

}
