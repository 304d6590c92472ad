package com.settlebatch.batches;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Exact money arithmetic helpers: amounts are BigDecimal in the currency's scale, never
 * floating point.
 */
public final class Money {

	private Money() {
	}

	/**
	 * Stored amounts carry three decimals; show them in the currency's own scale
	 * (validated on import, so exact).
	 */
	public static BigDecimal scaled(BigDecimal amount, String currency) {
		return amount == null ? null
				: amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
	}

	/**
	 * The amount in minor units, as the gateway wants it: 12.50 USD is 1250, 1.234 KWD is
	 * 1234.
	 */
	public static long toMinorUnits(BigDecimal amount, String currency) {
		return scaled(amount, currency).movePointRight(Currency.getInstance(currency).getDefaultFractionDigits())
			.longValueExact();
	}

}
