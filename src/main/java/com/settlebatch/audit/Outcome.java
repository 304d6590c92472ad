package com.settlebatch.audit;

/** How an audited attempt ended. */
public enum Outcome {

	/** Done. */
	OK,

	/**
	 * Attempted by someone allowed to, and refused by the product (bad input, conflict).
	 */
	REFUSED,

	/** Not allowed: no valid sign-in (401) or a role that may not (403). */
	DENIED

}
