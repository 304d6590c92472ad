package com.settlebatch.settlement;

/**
 * Retries exhausted for the payment. Skippable: counted in WRITE_SKIP_COUNT; the payment
 * is FAILED.
 */
public class PaymentFailedException extends RuntimeException {

	public PaymentFailedException(String paymentId, String errorCode, String correlationId) {
		super("payment " + paymentId + " failed after retries: " + errorCode + " (correlation id " + correlationId
				+ ")");
	}

}
