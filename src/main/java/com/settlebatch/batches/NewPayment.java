package com.settlebatch.batches;

import java.math.BigDecimal;

import com.settlebatch.masking.CardNumbers;

/**
 * A payment to add to a DRAFT batch, as every entry point (file, inbox, API) hands it to
 * {@link PaymentRepository#addPayments}; the repository mints its id and Unique-Key.
 *
 * @param seq its place in the batch, which {@code processInSequence} follows
 * @param sourceLine the file line or inbox row id it came from; null for the API
 */
public record NewPayment(String batchId, int seq, String referenceId, String type, BigDecimal amount, String currency,
		String accountId, String dependsOn, String customData, Long sourceLine) {

	@Override
	public String toString() {
		return "NewPayment[batchId=" + batchId + ", seq=" + seq + ", referenceId=" + CardNumbers.mask(referenceId)
				+ ", amount=" + amount + " " + currency + ", accountId=" + CardNumbers.mask(accountId) + "]";
	}

}
