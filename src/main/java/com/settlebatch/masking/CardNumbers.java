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

	private CardNumbers() {
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
