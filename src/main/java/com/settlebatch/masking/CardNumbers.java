package com.settlebatch.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that looks like a payment card number (13 to 19 digits, spaces or dashes
 * allowed between them, passing the Luhn check) to at most its first 6 and last 4 digits,
 * as PCI DSS allows a PAN to be displayed. Applied wherever input text is shown: rejects,
 * logs, exception messages, {@code toString()}, command output.
 */
public final class CardNumbers {

	private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,24}");

	/**
	 * Our ids and Unique-Keys: the digit runs of a UUID, dashes between, can pass for a
	 * card ("01a21445-7213-7674-9a77-…" holds 21445 7213 7674 9) and would be masked out
	 * of messages.
	 */
	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * The leading digits (issuer identification number ranges) of the card brands whose
	 * numbers input must not carry, as {@code from-to} inclusive ranges of the same
	 * length: Visa 4; Mastercard 51-55 and 2221-2720; American Express 34, 37; Discover
	 * 6011, 644-649, 65; Diners Club 300-305, 36, 38-39; JCB 3528-3589; UnionPay 62;
	 * Maestro 50, 56-58, 67. A Luhn-valid run of 13 to 19 digits starting otherwise (an
	 * epoch in milliseconds, a bank reference) is not taken for a card.
	 */
	private static final String[] BRAND_RANGES = { "4-4", "51-55", "2221-2720", "34-34", "37-37", "6011-6011",
			"644-649", "65-65", "300-305", "36-36", "38-39", "3528-3589", "62-62", "50-50", "56-58", "67-67" };

	private CardNumbers() {
	}

	/**
	 * Whether the text holds a payment card number: 13 to 19 digits (spaces or dashes
	 * allowed between them) passing the Luhn check and starting in a card brand's range
	 * ({@link #BRAND_RANGES}), alone or inside other text, outside a UUID. Such input is
	 * refused where it would be stored: see README, "Input files".
	 */
	public static boolean containsCardNumber(String text) {
		if (text == null || text.length() < 13) {
			return false;
		}
		Matcher matcher = CANDIDATE.matcher(text);
		int from = 0;
		while (from < text.length() && matcher.find(from)) {
			int[] card = card(text, matcher.start(), matcher.end());
			if (card != null && !insideUuid(text, card)
					&& inBrandRange(text.substring(card[0], card[1]).replaceAll("[ -]", ""))) {
				return true;
			}
			from = matcher.start() + 1;
		}
		return false;
	}

	static boolean inBrandRange(String digits) {
		for (String range : BRAND_RANGES) {
			int dash = range.indexOf('-');
			String low = range.substring(0, dash);
			String high = range.substring(dash + 1);
			String prefix = digits.substring(0, Math.min(low.length(), digits.length()));
			if (prefix.length() == low.length() && prefix.compareTo(low) >= 0 && prefix.compareTo(high) <= 0) {
				return true;
			}
		}
		return false;
	}

	public static String mask(String text) {
		if (text == null || text.length() < 13) {
			return text;
		}
		Matcher matcher = CANDIDATE.matcher(text);
		StringBuilder masked = null;
		int last = 0;
		int from = 0;
		while (matcher.find(from)) {
			int[] card = card(text, matcher.start(), matcher.end());
			if (card == null || insideUuid(text, card)) {
				from = matcher.start() + 1;
				continue;
			}
			String digits = text.substring(card[0], card[1]).replaceAll("[ -]", "");
			masked = masked == null ? new StringBuilder(text.length()) : masked;
			masked.append(text, last, card[0])
				.append(digits, 0, 6)
				.append("*".repeat(digits.length() - 10))
				.append(digits, digits.length() - 4, digits.length());
			last = card[1];
			from = card[1];
			if (from >= text.length()) {
				break;
			}
		}
		return masked == null ? text : masked.append(text, last, text.length()).toString();
	}

	private static boolean insideUuid(String text, int[] card) {
		Matcher uuid = UUID.matcher(text);
		while (uuid.find()) {
			if (uuid.start() < card[1] && card[0] < uuid.end()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The longest Luhn-valid run of 13 to 19 digits starting at {@code start} within the
	 * match: a card followed by more digits ("4111 1111 1111 1111 123", a CVV or a date)
	 * is still a card.
	 */
	private static int[] card(String text, int start, int end) {
		int[] best = null;
		int digits = 0;
		for (int i = start; i < end; i++) {
			if (Character.isDigit(text.charAt(i))) {
				digits++;
				if (digits >= 13 && digits <= 19 && luhn(text.substring(start, i + 1).replaceAll("[ -]", ""))) {
					best = new int[] { start, i + 1 };
				}
			}
		}
		return best;
	}

	static boolean luhn(String digits) {
		int sum = 0;
		boolean doubleIt = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubleIt) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubleIt = !doubleIt;
		}
		return sum % 10 == 0;
	}

}
