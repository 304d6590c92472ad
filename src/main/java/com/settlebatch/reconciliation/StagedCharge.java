package com.settlebatch.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A charge ready to be staged: its amount in the currency's major units, comparable with
 * {@code payment.amount}.
 */
record StagedCharge(long line, String gatewayId, String uniqueKey, String referenceId, String accountId,
		BigDecimal amount, String currency, String status, Instant createdAt) {
}
