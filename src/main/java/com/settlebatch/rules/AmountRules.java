package com.settlebatch.rules;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

import com.settlebatch.rules.PaymentField.Spelling;

/**
 * Amount and currency rules. Amounts are judged on their text, never through a double,
 * and only a plain decimal is accepted: exponents, signs, grouping and spaces are how
 * amounts get misread.
 */
final class AmountRules {

	private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

	private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

	private static final int MAX_INTEGER_DIGITS = 15;

	private AmountRules() {
	}

	/**
	 * @return the currency, or null after adding a problem
	 */
	static Currency currency(String code, Spelling spelling, List<FieldProblem> problems) {
		String name = PaymentField.CURRENCY.nameIn(spelling);
		String reason;
		if (code == null || code.isEmpty()) {
			reason = "is required";
		}
		else if (!CURRENCY_CODE.matcher(code).matches()) {
			reason = "must be an ISO 4217 code of 3 uppercase letters, like USD";
		}
		else {
			try {
				Currency currency = Currency.getInstance(code);
				if (currency.getDefaultFractionDigits() >= 0) {
					return currency;
				}
				// Gold, test and fund codes have no minor unit, so no amount of them is
				// payable.
				reason = "has no minor unit";
			}
			catch (IllegalArgumentException ex) {
				reason = "is not a known ISO 4217 currency";
			}
		}
		problems.add(Problems.of(name, reason, code));
		return null;
	}

	/**
	 * @param currency the payment's currency, null when it is itself invalid (decimals
	 * are then not judged)
	 * @return the amount with the currency's scale, or null after adding a problem
	 */
	static BigDecimal amount(String raw, Currency currency, Spelling spelling, List<FieldProblem> problems) {
		String reason = reason(raw, currency);
		if (reason != null) {
			problems.add(Problems.of(PaymentField.AMOUNT.nameIn(spelling), reason, raw));
			return null;
		}
		if (currency == null) {
			return null;
		}
		// Built from the significant digits only, so a long run of zeros cannot make
		// parsing costly.
		String[] digits = significantDigits(raw);
		String integer = digits[0].isEmpty() ? "0" : digits[0];
		BigDecimal amount = new BigDecimal(digits[1].isEmpty() ? integer : integer + "." + digits[1]);
		return amount.setScale(currency.getDefaultFractionDigits());
	}

	private static String reason(String raw, Currency currency) {
		if (raw == null || raw.isEmpty()) {
			return "is required";
		}
		if (raw.startsWith("-") && PLAIN_DECIMAL.matcher(raw.substring(1)).matches()) {
			return isZero(significantDigits(raw.substring(1))) ? "must be greater than zero" : "must not be negative";
		}
		if (!PLAIN_DECIMAL.matcher(raw).matches()) {
			return "is not a plain decimal number (digits with an optional '.' and decimals, like 12.50)";
		}
		String[] digits = significantDigits(raw);
		if (isZero(digits)) {
			return "must be greater than zero";
		}
		if (digits[0].length() > MAX_INTEGER_DIGITS) {
			return "is too large (more than " + MAX_INTEGER_DIGITS + " digits before the decimal point)";
		}
		if (currency != null && digits[1].length() > currency.getDefaultFractionDigits()) {
			int decimals = digits[1].length();
			return "has " + decimals + (decimals == 1 ? " decimal" : " decimals") + " but " + currency.getCurrencyCode()
					+ " allows " + currency.getDefaultFractionDigits();
		}
		return null;
	}

	/**
	 * Integer digits without leading zeros and decimals without trailing zeros:
	 * {@code 0012.500} is {@code [12, 5]}. Trailing zeros do not change the amount, so
	 * {@code 1000.00} JPY is accepted.
	 */
	private static String[] significantDigits(String plain) {
		int dot = plain.indexOf('.');
		String integer = dot < 0 ? plain : plain.substring(0, dot);
		String fraction = dot < 0 ? "" : plain.substring(dot + 1);
		int start = 0;
		while (start < integer.length() && integer.charAt(start) == '0') {
			start++;
		}
		int end = fraction.length();
		while (end > 0 && fraction.charAt(end - 1) == '0') {
			end--;
		}
		return new String[] { integer.substring(start), fraction.substring(0, end) };
	}

	private static boolean isZero(String[] digits) {
		return digits[0].isEmpty() && digits[1].isEmpty();
	}

}
