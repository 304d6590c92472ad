package com.settlebatch.batches;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A batch with its counts and settled totals, as listed by {@code settle batches} and the
 * API.
 */
public record BatchSummary(String id, String externalId, String name, String merchantId, BatchStatus status,
		Long batchnum, OffsetDateTime opened, OffsetDateTime closed, LocalDate businessDate, int paymentCount,
		int settledCount, int declinedCount, int failedCount, int skippedCount, int cancelledCount,
		List<CurrencyTotal> settledTotals) {

	/** Settled count and exact amount in one currency. */
	public record CurrencyTotal(String currency, int count, BigDecimal amount) {
	}

}
