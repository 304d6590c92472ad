package com.settlebatch.gateway;

import java.time.Duration;

/**
 * What the gateway said about one call, classified.
 *
 * @param retryAfter the gateway's {@code Retry-After}, or null
 */
public record CallOutcome(String paymentId, Kind kind, String gatewayId, Integer httpStatus, String errorCode,
		String errorMessage, String correlationId, Duration retryAfter) {

	public enum Kind {

		/** 2xx: charged. */
		SETTLED,
		/** 4xx other than the throttle and concurrency codes: final, never retried. */
		DECLINED,
		/**
		 * 5xx, time-out, connection error, throttle, concurrent key: resend with the same
		 * key.
		 */
		RETRYABLE,
		/**
		 * A reconciliation lookup found no answer under the key: the gateway never
		 * charged it. Final.
		 */
		NOT_AT_GATEWAY

	}

	/**
	 * Whether this answer leaves open that the gateway charged: no HTTP answer at all, a
	 * 502 or 504 from something in front of the gateway, or a success without a payment
	 * id. Such a payment is looked up by its key before it may be called FAILED.
	 */
	public boolean mayHaveCharged() {
		return kind == Kind.RETRYABLE && (httpStatus == null || httpStatus == 502 || httpStatus == 504);
	}

	/**
	 * The codes of {@link #unknown}: an attempt got no answer and the lookup by key could
	 * not tell either. A person reconciles such a payment before anyone resubmits it.
	 */
	public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

	/** Past the key's validity the gateway's "not found" proves nothing. */
	public static final String UNKNOWN_AFTER_KEY_EXPIRY = "UNKNOWN_AFTER_KEY_EXPIRY";

	/**
	 * Retries are over and nobody knows whether it was charged: FAILED, with a code that
	 * says so ({@link #OUTCOME_UNKNOWN} or {@link #UNKNOWN_AFTER_KEY_EXPIRY}).
	 */
	public static CallOutcome unknown(String paymentId, Integer httpStatus, String errorCode, String message,
			String correlationId) {
		return new CallOutcome(paymentId, Kind.RETRYABLE, null, httpStatus, errorCode, message, correlationId, null);
	}

	static CallOutcome retryable(String paymentId, Integer httpStatus, String errorCode, String message,
			String correlationId, Duration retryAfter) {
		return new CallOutcome(paymentId, Kind.RETRYABLE, null, httpStatus, errorCode, message, correlationId,
				retryAfter);
	}

}
