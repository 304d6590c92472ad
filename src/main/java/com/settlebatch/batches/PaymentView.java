package com.settlebatch.batches;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One payment with its gateway result, as shown by {@code settle payments}. */
public record PaymentView(String id, String batchId, String referenceId, String type, BigDecimal amount,
		String currency, String accountId, String dependsOn, String uniqueKey, PaymentStatus status, int attempts,
		String gatewayId, Integer httpStatus, String errorCode, String errorMessage, String correlationId,
		OffsetDateTime settledAt) {
}
