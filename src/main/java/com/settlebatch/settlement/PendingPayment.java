package com.settlebatch.settlement;

import java.math.BigDecimal;

import com.settlebatch.masking.CardNumbers;

/** A PENDING payment of a batch claimed for this run, as the settlement reader reads it. */
public record PendingPayment(String id, String batchId, String uniqueKey, String referenceId, String type,
		BigDecimal amount, String currency, String accountId, String customData, String parentGatewayId) {

	@Override
	public String toString() {
		return "PendingPayment[id=" + id + ", batchId=" + batchId + ", referenceId=" + CardNumbers.mask(referenceId)
				+ ", amount=" + amount + " " + currency + ", accountId=" + CardNumbers.mask(accountId) + "]";
	}

}
