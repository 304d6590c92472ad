package com.settlebatch.gateway;

import com.settlebatch.gateway.CallOutcome.Kind;

/**
 * The one table that decides retry versus decline (seed 001, "Handle 500s" / "Handle
 * 400s"):
 *
 * <pre>
 * 2xx                                              SETTLED
 * 429, THROTTLE_EXCEEDED*                          RETRYABLE  (same Unique-Key, honour Retry-After)
 * CONCURRENT_UNIQUE_KEY_REQUEST_IS_PROCESSING      RETRYABLE  (whatever the status)
 * 5xx (500, 502, 503, 504, ...)                    RETRYABLE
 * any other 4xx                                    DECLINED   (new information needed: never resent)
 * anything else (1xx, 3xx)                         DECLINED   (not a protocol answer we can trust to retry)
 * </pre>
 *
 * Connection errors and read time-outs never reach this table: the client classifies them
 * RETRYABLE directly.
 */
public final class ErrorClassifier {

	private ErrorClassifier() {
	}

	public static Kind classify(int httpStatus, String errorCode) {
		if (httpStatus >= 200 && httpStatus < 300) {
			return Kind.SETTLED;
		}
		if (errorCode != null && (errorCode.startsWith("THROTTLE_EXCEEDED")
				|| errorCode.equals("CONCURRENT_UNIQUE_KEY_REQUEST_IS_PROCESSING"))) {
			return Kind.RETRYABLE;
		}
		if (httpStatus == 429 || httpStatus >= 500) {
			return Kind.RETRYABLE;
		}
		return Kind.DECLINED;
	}

}
