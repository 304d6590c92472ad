package com.settlebatch.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * One exception a run found, with both sides' values; for {@code UNKNOWN_TO_US} our side
 * is empty and the reference and key are the gateway's. Amounts are exact, in their
 * currency's scale, and strings in JSON (as everywhere in the API).
 *
 * @param gatewayCharges how many charges the gateway holds for the payment
 */
public record ExceptionEntry(long id, long executionId, LocalDate businessDate, String category, String paymentId,
		String batchId, String referenceId, String uniqueKey, String status,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency, String gatewayId,
		String correlationId, int gatewayCharges, String gatewayChargeId, String gatewayStatus,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gatewayAmount, String gatewayCurrency,
		OffsetDateTime foundAt, OffsetDateTime resolvedAt, String resolvedBy, String remark) {

	public boolean open() {
		return resolvedAt == null;
	}

}
