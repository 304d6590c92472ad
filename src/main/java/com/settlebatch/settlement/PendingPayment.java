package com.settlebatch.settlement;

import java.math.BigDecimal;

/** A PENDING payment of a batch claimed for this run, as the settlement reader reads it. */
public record PendingPayment(String id, String batchId, String uniqueKey, String referenceId, String type,
		BigDecimal amount, String currency, String accountId, String customData) {
}
