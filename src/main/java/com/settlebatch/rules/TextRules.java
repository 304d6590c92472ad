package com.settlebatch.rules;

import java.util.List;

import com.settlebatch.rules.PaymentField.Spelling;

/**
 * Rules shared by every free-text field. Nothing is trimmed or cleaned: a value that
 * would need cleaning is rejected, so what is stored and sent to the gateway is exactly
 * what the sender wrote.
 */
public final class TextRules {

	private TextRules() {
	}

	/**
	 * Checks one text field and adds at most one problem for it (the most useful one to
	 * fix first).
	 * @param id whether the field is an identifier, where surrounding spaces are
	 * certainly mistakes
	 * @return the value, or null when it is empty
	 */
	static String check(PaymentField field, Spelling spelling, String value, int maxLength, boolean id,
			List<FieldProblem> problems) {
		boolean empty = value == null || value.isEmpty() || (!id && value.isBlank());
		if (empty) {
			if (field.required()) {
				problems.add(Problems.of(field.nameIn(spelling), "is required", value));
			}
			return null;
		}
		String reason = reason(value, maxLength, id);
		if (reason != null) {
			problems.add(Problems.of(field.nameIn(spelling), reason, value));
		}
		return value;
	}

	private static String reason(String value, int maxLength, boolean id) {
		if (startsLikeFormula(value)) {
			return "starts with " + show(value.charAt(0)) + " (spreadsheet formula characters are not allowed)";
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7F) {
				return String.format("contains a control character (U+%04X)", (int) c);
			}
		}
		if (id && (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1)))) {
			return "has leading or trailing spaces";
		}
		int length = value.codePointCount(0, value.length());
		if (length > maxLength) {
			return "is longer than " + maxLength + " characters (it has " + length + ")";
		}
		return null;
	}

	/**
	 * Whether a spreadsheet would evaluate text starting like this as a formula (OWASP
	 * CSV injection guidance): such text is refused on the way in and defused in a
	 * rejects file on the way out.
	 */
	public static boolean startsLikeFormula(String text) {
		if (text.isEmpty()) {
			return false;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private static String show(char c) {
		return switch (c) {
			case '\t' -> "a tab";
			case '\r' -> "a carriage return";
			default -> "'" + c + "'";
		};
	}

}
