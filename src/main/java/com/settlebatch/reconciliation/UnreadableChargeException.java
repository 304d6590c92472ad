package com.settlebatch.reconciliation;

/**
 * A charge of the gateway's list or report file that cannot be compared, named by its
 * file and line (or place in the listing): the run fails saying so, since a source with
 * one broken row cannot be trusted for the others.
 */
class UnreadableChargeException extends RuntimeException {

	UnreadableChargeException(String message) {
		super(message);
	}

	UnreadableChargeException(String message, Throwable cause) {
		super(message, cause);
	}

}
