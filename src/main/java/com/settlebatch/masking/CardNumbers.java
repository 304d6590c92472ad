package com.settlebatch.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that looks like a payment card number (13 to 19 digits, spaces or dashes
 * allowed between them, passing the Luhn check) to at most its first 6 and last 4 digits, as
 * PCI DSS allows a PAN to be displayed. Applied wherever input text is shown: rejects, logs,
 * exception messages, {@code toString()}, command output.
 */
public final class CardNumbers {

	private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

	private CardNumbers() {
	}

	public static String mask(String text) {
		if (text == null || text.length() < 13) {
			return text;
		}
		Matcher matcher = CANDIDATE.matcher(text);
		StringBuilder masked = null;
		int last = 0;
		while (matcher.find()) {
			String digits = matcher.group().replaceAll("[ -]", "");
			if (!luhn(digits)) {
				continue;
			}
			masked = masked == null ? new StringBuilder(text.length()) : masked;
			masked.append(text, last, matcher.start())
				.append(digits, 0, 6)
				.append("*".repeat(digits.length() - 10))
				.append(digits, digits.length() - 4, digits.length());
			last = matcher.end();
		}
		return masked == null ? text : masked.append(text, last, text.length()).toString();
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
