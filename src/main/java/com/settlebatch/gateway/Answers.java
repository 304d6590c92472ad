package com.settlebatch.gateway;

import java.net.http.HttpHeaders;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

import com.settlebatch.gateway.CallOutcome.Kind;

/**
 * Reads a gateway answer (a whole response, or one call of /batch/create) into a
 * {@link CallOutcome}.
 */
final class Answers {

	private Answers() {
	}

	static CallOutcome outcome(String paymentId, int status, JsonNode body, String correlationId, Duration retryAfter) {
		String errorCode = body.hasNonNull("error_code") ? body.get("error_code").asString() : null;
		Kind kind = ErrorClassifier.classify(status, errorCode);
		if (status == 0) {
			// A call result without a status is no answer: it may or may not have run.
			return CallOutcome.retryable(paymentId, null, "NO_STATUS", "the call's result had no status", correlationId,
					null);
		}
		if (kind == Kind.SETTLED) {
			String gatewayId = body.path("id").asString(null);
			if (gatewayId == null || gatewayId.isBlank()) {
				// Charged, probably, but without the id a refund could not name it: ask
				// again with the same key.
				return CallOutcome.retryable(paymentId, null, "NO_PAYMENT_ID", "a success without a payment id",
						correlationId, null);
			}
			return new CallOutcome(paymentId, kind, gatewayId, status, null, null, correlationId, null);
		}
		String message = body.path("error_description").asString(body.path("error_message").asString(null));
		if (errorCode == null) {
			errorCode = body.path("error").asString("HTTP_" + status);
		}
		return new CallOutcome(paymentId, kind, null, status, errorCode, truncate(message), correlationId, retryAfter);
	}

	/**
	 * A decline comes with the protocol's error body; a bare 4xx is the request refused,
	 * not the payment.
	 */
	static boolean isProtocolError(JsonNode body) {
		return body.hasNonNull("error_code") || body.hasNonNull("error");
	}

	static String correlationId(HttpHeaders headers) {
		return headers.firstValue("X-Correlation-Id").orElse(null);
	}

	static Duration retryAfter(HttpHeaders headers) {
		return headers.firstValue("Retry-After").map(value -> {
			try {
				return Duration.ofSeconds(Long.parseLong(value.trim()));
			}
			catch (NumberFormatException notSeconds) {
				return null;
			}
		}).orElse(null);
	}

	static String truncate(String message) {
		return message == null || message.length() <= 500 ? message : message.substring(0, 497) + "...";
	}

}
