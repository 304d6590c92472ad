package com.settlebatch.alerts;

import java.time.Duration;

/** A way alerts reach people: the webhook, e-mail. */
interface Channel {

	/** As stored in {@code alert_delivery.channel}. */
	String name();

	/** Whether its settings are there; a delivery is recorded only for these. */
	boolean configured();

	/** One attempt to deliver; never throws. */
	Attempt send(AlertStore.Due due);

	/**
	 * How an attempt went.
	 *
	 * @param error why it failed, null when delivered; never holds a secret or the URL
	 * @param retryAfter what the receiver asked to wait, or null
	 * @param gone the endpoint is gone for good (HTTP 410): send it nothing more
	 */
	record Attempt(String error, Duration retryAfter, boolean gone) {

		static final Attempt DELIVERED = new Attempt(null, null, false);

		static Attempt failed(String error, Duration retryAfter) {
			return new Attempt(error, retryAfter, false);
		}

		static Attempt gone(String error) {
			return new Attempt(error, null, true);
		}

		boolean delivered() {
			return error == null;
		}

	}

}
