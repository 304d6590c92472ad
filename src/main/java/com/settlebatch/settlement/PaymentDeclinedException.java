package com.settlebatch.settlement;

/**
 * The gateway declined the payment (4xx). Skippable: counted in WRITE_SKIP_COUNT, never
 * retried.
 */
public class PaymentDeclinedException extends RuntimeException {

	public PaymentDeclinedException(String paymentId, Integer httpStatus, String errorCode) {
		super("payment " + paymentId + " declined: HTTP " + httpStatus + " " + errorCode);
	}

}
