package com.settlebatch.batches;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.settlebatch.masking.CardNumbers;

/** One payment with its gateway result, as shown by {@code settle payments}. */
public record PaymentView(String id, String batchId, String referenceId, String type, BigDecimal amount,
		String currency, String accountId, String dependsOn, String uniqueKey, PaymentStatus status, int attempts,
		String gatewayId, Integer httpStatus, String errorCode, String errorMessage, String correlationId,
		OffsetDateTime settledAt) {

	/** What people and scripts see: card-number-like ids masked. */
	public PaymentView {
		referenceId = CardNumbers.mask(referenceId);
		accountId = CardNumbers.mask(accountId);
		dependsOn = CardNumbers.mask(dependsOn);
	}

}
