package com.settlebatch.batches;

/**
 * A payment's final answer from the gateway, as {@link PaymentRepository#recordOutcomes}
 * stores it.
 *
 * @param attempts the sends this chunk made for it (added to those of earlier runs)
 */
public record PaymentOutcome(String paymentId, PaymentStatus status, int attempts, String gatewayId, Integer httpStatus,
		String errorCode, String errorMessage, String correlationId) {

	public PaymentOutcome {
		if (status == PaymentStatus.PENDING) {
			throw new IllegalArgumentException("an outcome is final; PENDING is not one");
		}
	}

}
