package com.settlebatch.gateway;

import com.settlebatch.masking.CardNumbers;

/**
 * One payment as the gateway receives it. The {@code uniqueKey} was fixed when the
 * payment was created and is the same on every attempt, restart and node: that is what
 * makes a resend safe.
 *
 * @param paymentId our payment id, sent as the call's {@code reference_id}
 * @param amountMinor the amount in the currency's minor units
 * @param customData a JSON object as text, or null
 * @param parentGatewayId for a dependent payment (seed 002), the gateway id its parent
 * settled under, sent as {@code parent_payment_id} (a refund names the payment it
 * refunds); else null
 */
public record PaymentCall(String paymentId, String uniqueKey, String referenceId, String type, long amountMinor,
		String currency, String accountId, String customData, String parentGatewayId) {

	public PaymentCall(String paymentId, String uniqueKey, String referenceId, String type, long amountMinor,
			String currency, String accountId, String customData) {
		this(paymentId, uniqueKey, referenceId, type, amountMinor, currency, accountId, customData, null);
	}

	/**
	 * Batch 6 logs items it cannot write; never with an account id unmasked or custom
	 * data.
	 */
	@Override
	public String toString() {
		return "PaymentCall[paymentId=" + paymentId + ", uniqueKey=" + uniqueKey + ", referenceId="
				+ CardNumbers.mask(referenceId) + ", amountMinor=" + amountMinor + " " + currency + ", accountId="
				+ CardNumbers.mask(accountId) + "]";
	}

}
