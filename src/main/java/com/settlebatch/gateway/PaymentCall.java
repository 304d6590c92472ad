package com.settlebatch.gateway;

import com.settlebatch.masking.CardNumbers;

/**
 * One payment as the gateway receives it. The {@code uniqueKey} was fixed when the payment was
 * created and is the same on every attempt, restart and node: that is what makes a resend safe.
 *
 * @param paymentId our payment id, sent as the call's {@code reference_id}
 * @param amountMinor the amount in the currency's minor units
 * @param customData a JSON object as text, or null
 */
public record PaymentCall(String paymentId, String uniqueKey, String referenceId, String type, long amountMinor,
		String currency, String accountId, String customData) {

	/** Batch 6 logs items it cannot write; never with an account id unmasked or custom data. */
	@Override
	public String toString() {
		return "PaymentCall[paymentId=" + paymentId + ", uniqueKey=" + uniqueKey + ", referenceId="
				+ CardNumbers.mask(referenceId) + ", amountMinor=" + amountMinor + " " + currency + ", accountId="
				+ CardNumbers.mask(accountId) + "]";
	}

}
