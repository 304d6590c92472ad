package com.settlebatch.settlement;

/**
 * Some payments of the chunk got a retryable answer (5xx, time-out, throttle, concurrent
 * key). The step's retry policy resends the chunk; the writer resends only those
 * payments, with their same Unique-Key.
 */
public class TransientGatewayException extends RuntimeException {

	public TransientGatewayException(int payments, String firstReason) {
		super(payments + " payment(s) got a retryable gateway answer, e.g. " + firstReason);
	}

}
