package com.settlebatch.sql;

import java.math.BigDecimal;
import java.util.Arrays;

import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Rows in COPY's text format, encoded straight into UTF-8 bytes. Text format escapes
 * backslash, tab, newline and carriage return inside a value; {@code \N} is NULL.
 *
 * <p>
 * Each value's characters are copied into a reused array and encoded in one loop with no
 * call per character: built in a StringBuilder, turned into a String and then encoded,
 * the same text was scanned, copied and encoded three times over, and on the C1 compiler
 * the import runs on the calls per character were about a quarter of the import thread's
 * CPU. A value repeated from the row before in the same column (a chunk's timestamp in
 * every row) is encoded from the text it had then, and integers are written digit by
 * digit, without a String.
 */
final class CopyText {

	private byte[] bytes;

	private int length;

	private char[] chars = new char[256];

	/**
	 * Each column's previous value and its text, so that a value repeated down a column
	 * is not formatted again.
	 */
	private Object[] lastValues = new Object[0];

	private String[] lastTexts = new String[0];

	CopyText(int capacity) {
		this.bytes = new byte[capacity];
	}

	int length() {
		return length;
	}

	byte[] bytes() {
		return bytes;
	}

	void clear() {
		length = 0;
	}

	/**
	 * @param row null, a {@link BigDecimal} (written without an exponent), a
	 * {@link SqlParameterValue} or anything whose {@code toString()} PostgreSQL reads as
	 * the column's type
	 */
	void appendRow(Object[] row) {
		if (lastValues.length < row.length) {
			lastValues = Arrays.copyOf(lastValues, row.length);
			lastTexts = Arrays.copyOf(lastTexts, row.length);
		}
		for (int i = 0; i < row.length; i++) {
			if (i > 0) {
				ensure(1);
				bytes[length++] = '\t';
			}
			appendValue(i, row[i]);
		}
		ensure(1);
		bytes[length++] = '\n';
	}

	private void appendValue(int column, Object given) {
		Object value = given instanceof SqlParameterValue typed ? typed.getValue() : given;
		if (value == null) {
			ensure(2);
			bytes[length++] = '\\';
			bytes[length++] = 'N';
		}
		else if (value instanceof Integer number) {
			appendLong(number);
		}
		else if (value instanceof Long number) {
			appendLong(number);
		}
		else if (value instanceof String text) {
			appendText(text);
		}
		else {
			if (value != lastValues[column]) {
				lastTexts[column] = value instanceof BigDecimal decimal ? plain(decimal) : value.toString();
				lastValues[column] = value;
			}
			appendText(lastTexts[column]);
		}
	}

	private void appendLong(long number) {
		if (number == Long.MIN_VALUE) {
			appendText(Long.toString(number));
			return;
		}
		ensure(20);
		long rest = number;
		if (rest < 0) {
			bytes[length++] = '-';
			rest = -rest;
		}
		int start = length;
		do {
			bytes[length++] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
		while (rest != 0);
		// The digits went in from the last; turned round in place.
		for (int i = start, j = length - 1; i < j; i++, j--) {
			byte digit = bytes[i];
			bytes[i] = bytes[j];
			bytes[j] = digit;
		}
	}

	/**
	 * UTF-8 as {@link String#getBytes} writes it (a lone surrogate becomes {@code ?}),
	 * with COPY's escapes.
	 */
	private void appendText(String text) {
		int n = text.length();
		if (chars.length < n) {
			chars = new char[Math.max(n, chars.length * 2)];
		}
		text.getChars(0, n, chars, 0);
		// At most three bytes a char: an escape takes two, a pair of surrogates four.
		ensure(3 * n);
		char[] in = chars;
		byte[] out = bytes;
		int at = length;
		for (int i = 0; i < n; i++) {
			char c = in[i];
			if (c < 0x80) {
				switch (c) {
					case '\\' -> {
						out[at++] = '\\';
						out[at++] = '\\';
					}
					case '\t' -> {
						out[at++] = '\\';
						out[at++] = 't';
					}
					case '\n' -> {
						out[at++] = '\\';
						out[at++] = 'n';
					}
					case '\r' -> {
						out[at++] = '\\';
						out[at++] = 'r';
					}
					default -> out[at++] = (byte) c;
				}
			}
			else if (c < 0x800) {
				out[at++] = (byte) (0xC0 | c >> 6);
				out[at++] = (byte) (0x80 | c & 0x3F);
			}
			else if (!Character.isSurrogate(c)) {
				out[at++] = (byte) (0xE0 | c >> 12);
				out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
				out[at++] = (byte) (0x80 | c & 0x3F);
			}
			else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(in[i + 1])) {
				int point = Character.toCodePoint(c, in[++i]);
				out[at++] = (byte) (0xF0 | point >> 18);
				out[at++] = (byte) (0x80 | point >> 12 & 0x3F);
				out[at++] = (byte) (0x80 | point >> 6 & 0x3F);
				out[at++] = (byte) (0x80 | point & 0x3F);
			}
			else {
				out[at++] = '?';
			}
		}
		length = at;
	}

	private void ensure(int more) {
		if (length + more > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
		}
	}

	/** Without exponent; toString() is plain (and cached) up to six decimals. */
	private static String plain(BigDecimal decimal) {
		return decimal.scale() >= 0 && decimal.scale() <= 6 ? decimal.toString() : decimal.toPlainString();
	}

}
