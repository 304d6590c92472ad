package com.settlebatch.reconciliation;

/**
 * What reconciliation found for a payment of the date's batches (each in exactly one), or
 * for a charge no payment explains.
 */
public enum Category {

	/** Both sides agree: charged and SETTLED alike, or neither charged nor settled. */
	MATCHED,

	/** SETTLED here, no charge there. */
	MISSING_AT_GATEWAY,

	/** A charge there that no payment here explains. */
	UNKNOWN_TO_US,

	/** Charged there for another amount than the payment's. */
	AMOUNT_MISMATCH,

	/** Charged there in another currency than the payment's. */
	CURRENCY_MISMATCH,

	/**
	 * Not SETTLED here (declined, failed, skipped, pending, cancelled), charged there.
	 */
	STATUS_MISMATCH,

	/** Charged there more than once. */
	DUPLICATE_CHARGE,

	/** The gateway's charge is still pending. */
	PENDING_AT_GATEWAY

}
