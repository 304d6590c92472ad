package com.settlebatch.sql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.postgresql.PGConnection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} in text format, on the connection of the
 * current transaction: a chunk of rows in one round trip, several times faster than a
 * JDBC batch of inserts. Text format escapes backslash, tab, newline and carriage return
 * inside a value; {@code \N} is NULL.
 */
public final class PostgresCopy {

	private PostgresCopy() {
	}

	/**
	 * @param columns the table's columns, comma-separated, in the order of each row's
	 * values
	 * @param rows the values of each row: null, a {@link BigDecimal} (written without an
	 * exponent), a {@link SqlParameterValue} or anything whose {@code toString()}
	 * PostgreSQL reads as the column's type
	 * @return the rows copied
	 */
	public static long copyIn(JdbcTemplate jdbcTemplate, String table, String columns, List<Object[]> rows) {
		StringBuilder data = new StringBuilder(rows.size() * 256);
		for (Object[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					data.append('\t');
				}
				appendValue(data, row[i]);
			}
			data.append('\n');
		}
		String sql = "COPY " + table + " (" + columns + ") FROM STDIN";
		// Bytes, encoded once: the driver's Reader variant encodes 64K-char pieces one by
		// one and turns a character outside the BMP (an emoji) split across two pieces
		// into "??".
		byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
		Long copied = jdbcTemplate.execute((ConnectionCallback<Long>) connection -> {
			try {
				return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(bytes));
			}
			catch (IOException unreadable) {
				throw new IllegalStateException("COPY into " + table + " failed", unreadable);
			}
		});
		return copied == null ? 0 : copied;
	}

	private static void appendValue(StringBuilder data, Object given) {
		Object value = given instanceof SqlParameterValue typed ? typed.getValue() : given;
		if (value == null) {
			data.append("\\N");
			return;
		}
		String text = value instanceof BigDecimal decimal ? plain(decimal) : value.toString();
		if (!needsEscape(text)) {
			data.append(text);
			return;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> data.append("\\\\");
				case '\t' -> data.append("\\t");
				case '\n' -> data.append("\\n");
				case '\r' -> data.append("\\r");
				default -> data.append(c);
			}
		}
	}

	private static boolean needsEscape(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

	/** Without exponent; toString() is plain (and cached) up to six decimals. */
	private static String plain(BigDecimal decimal) {
		return decimal.scale() >= 0 && decimal.scale() <= 6 ? decimal.toString() : decimal.toPlainString();
	}

}
