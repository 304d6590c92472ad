package com.settlebatch.batches;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How one batch closes, as {@link BatchRepository#closeAll} stores it: its number, its
 * payments' counts, and what settled per currency.
 */
record Closing(String batchId, long batchnum, Map<PaymentStatus, Integer> counts, Map<String, CurrencyTotal> settled) {

	/** What settled in one currency of the batch. */
	record CurrencyTotal(int count, BigDecimal amount) {
	}

}
