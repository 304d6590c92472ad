package com.settlebatch.rules;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of money movement a batch may carry, as written in files ({@code payment},
 * {@code refund}, {@code payout}).
 */
public enum PaymentType {

	PAYMENT, REFUND, PAYOUT;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<PaymentType> fromCode(String code) {
		for (PaymentType type : values()) {
			if (type.code().equals(code)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
