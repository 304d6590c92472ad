package com.settlebatch.sandbox;

import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** The validated parameters of one payment call. */
record PaymentParams(String referenceId, String type, long amount, String currency, String accountId,
		String parentPaymentId) {

	private static final Set<String> TYPES = Set.of("payment", "refund", "payout");

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final int MAX_TEXT = 255;

	private static final int MAX_CUSTOM_DATA_CHARS = 10 * 1024;

	/**
	 * @throws Invalid naming the first offending field, for the {@code error_description}
	 */
	static PaymentParams parse(JsonNode params) {
		String referenceId = requiredText(params, "reference_id");
		String type = requiredText(params, "type");
		if (!TYPES.contains(type)) {
			throw new Invalid("type must be one of payment, refund, payout");
		}
		JsonNode amount = params.get("amount");
		// Minor units only: a string or a decimal means the client has not converted the
		// amount.
		if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() <= 0) {
			throw new Invalid("amount must be a positive JSON integer in minor units");
		}
		String currency = requiredText(params, "currency");
		if (!CURRENCY.matcher(currency).matches()) {
			throw new Invalid("currency must be a three-letter uppercase ISO 4217 code");
		}
		String accountId = requiredText(params, "account_id");
		JsonNode customData = params.get("custom_data");
		if (customData != null && !customData.isNull()
				&& (!customData.isObject() || customData.toString().length() > MAX_CUSTOM_DATA_CHARS)) {
			throw new Invalid("custom_data must be a JSON object of at most 10 kB");
		}
		String parentPaymentId = SandboxJson.text(params, "parent_payment_id");
		if (parentPaymentId != null && (parentPaymentId.isBlank() || parentPaymentId.length() > MAX_TEXT)) {
			throw new Invalid("parent_payment_id must be a non-empty string of at most " + MAX_TEXT + " characters");
		}
		return new PaymentParams(referenceId, type, amount.longValue(), currency, accountId, parentPaymentId);
	}

	private static String requiredText(JsonNode params, String field) {
		String value = SandboxJson.text(params, field);
		if (value == null || value.isBlank()) {
			throw new Invalid(field + " is required and must be a non-empty string");
		}
		if (value.length() > MAX_TEXT) {
			throw new Invalid(field + " must be at most " + MAX_TEXT + " characters");
		}
		return value;
	}

	static final class Invalid extends RuntimeException {

		Invalid(String description) {
			super(description, null, false, false);
		}

	}
}
