package com.settlebatch.settlement;

import java.math.BigDecimal;

import com.settlebatch.masking.CardNumbers;

/**
 * A payment of the run's work set, as the settlement reader reads it.
 *
 * @param stillPending false when it is final already (settled by an earlier attempt of
 * this pass that a restart reads again): the processor filters it out
 */
public record PendingPayment(String id, String batchId, String uniqueKey, String referenceId, String type,
		BigDecimal amount, String currency, String accountId, String customData, String parentGatewayId,
		boolean stillPending) {

	@Override
	public String toString() {
		return "PendingPayment[id=" + id + ", batchId=" + batchId + ", referenceId=" + CardNumbers.mask(referenceId)
				+ ", amount=" + amount + " " + currency + ", accountId=" + CardNumbers.mask(accountId) + "]";
	}

}
