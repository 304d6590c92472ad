package com.settlebatch.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.SqlParameterValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COPY's text format written straight as UTF-8 bytes: the same bytes as escaping each
 * value and encoding the row with {@link String#getBytes}, whatever the characters.
 */
class CopyTextTests {

	@Test
	void textIsEscapedAndEncodedAsStringGetBytesWouldEncodeIt() {
		// given every escape, Latin-1, three- and four-byte characters, lone surrogates
		Object[] row = { "plain", "back\\slash", "tab\there", "new\nline", "carriage\rreturn", "Zoë Ångström",
				"price €5", "smile \uD83D\uDE00 twice \uD83D\uDE00", "lone \uD83D high", "lone \uDE00 low",
				"ends high \uD83D", "", "\u007F\u0080\u07FF\u0800\uFFFF" };

		// when
		byte[] written = write(row);

		// then
		assertThat(written).isEqualTo(expected(row));
	}

	@Test
	void numbersNullsAndTypedValuesAreWrittenAsTheirTextWithoutAnExponent() {
		// given
		OffsetDateTime now = OffsetDateTime.of(2026, 12, 6, 23, 0, 0, 123_456_000, ZoneOffset.UTC);
		Object[] row = { null, 0, -7, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L, -42L, Long.MAX_VALUE, Long.MIN_VALUE,
				new BigDecimal("12.50"), new BigDecimal("1E+3"), new BigDecimal("0.0000001"),
				new SqlParameterValue(Types.BIGINT, 17L), new SqlParameterValue(Types.BIGINT, null), now, now, true };

		// when
		String written = new String(write(row), StandardCharsets.UTF_8);

		// then
		assertThat(written).isEqualTo(String.join("\t", "\\N", "0", "-7", "2147483647", "-2147483648", "0", "-42",
				"9223372036854775807", "-9223372036854775808", "12.50", "1000", "0.0000001", "17", "\\N",
				"2026-12-06T23:00:00.123456Z", "2026-12-06T23:00:00.123456Z", "true") + "\n");
	}

	@Test
	void aValueLargerThanTheBufferMakesItGrowAndRowsFollowOneAnother() {
		// given a buffer of 8 bytes and a value of 10,000 emoji
		CopyText text = new CopyText(8);
		String large = "\uD83D\uDE00".repeat(10_000);

		// when
		text.appendRow(new Object[] { "a", large });
		text.appendRow(new Object[] { "b", 1 });

		// then
		assertThat(Arrays.copyOf(text.bytes(), text.length()))
			.isEqualTo(("a\t" + large + "\nb\t1\n").getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] write(Object[] row) {
		CopyText text = new CopyText(16);
		text.appendRow(row);
		return Arrays.copyOf(text.bytes(), text.length());
	}

	/** What the StringBuilder version sent: each value escaped, the row then encoded. */
	private static byte[] expected(Object[] row) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < row.length; i++) {
			if (i > 0) {
				line.append('\t');
			}
			line.append(((String) row[i]).replace("\\", "\\\\")
				.replace("\t", "\\t")
				.replace("\n", "\\n")
				.replace("\r", "\\r"));
		}
		return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

}
