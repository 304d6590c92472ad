package com.settlebatch.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * PostgreSQL's COPY in text format, on the connection of the current transaction, sent in
 * pieces of about {@value #PIECE} characters while the rest is still being written, so
 * that the server parses and indexes the first rows while this thread formats the next
 * (sent whole, the server waited for the chunk's last row and the thread then waited for
 * the server). Text format escapes backslash, tab, newline and carriage return inside a
 * value; {@code \N} is NULL.
 */
public final class PostgresCopy {

	private static final int PIECE = 64 * 1024;

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
		String sql = "COPY " + table + " (" + columns + ") FROM STDIN";
		Long copied = jdbcTemplate.execute((ConnectionCallback<Long>) connection -> {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
			try {
				StringBuilder piece = new StringBuilder(PIECE + 1024);
				for (Object[] row : rows) {
					appendRow(piece, row);
					if (piece.length() >= PIECE) {
						send(copy, piece);
					}
				}
				send(copy, piece);
				return copy.endCopy();
			}
			catch (SQLException | RuntimeException failure) {
				if (copy.isActive()) {
					cancelQuietly(copy, failure);
				}
				throw failure;
			}
		});
		return copied == null ? 0 : copied;
	}

	/**
	 * Whole rows only, encoded at once: a character outside the BMP (an emoji) is never
	 * split across two pieces (the driver's Reader variant turned such a split into
	 * "??").
	 */
	private static void send(CopyIn copy, StringBuilder piece) throws SQLException {
		if (piece.isEmpty()) {
			return;
		}
		byte[] bytes = piece.toString().getBytes(StandardCharsets.UTF_8);
		copy.writeToCopy(bytes, 0, bytes.length);
		piece.setLength(0);
	}

	private static void cancelQuietly(CopyIn copy, Exception failure) {
		try {
			copy.cancelCopy();
		}
		catch (SQLException cancelling) {
			failure.addSuppressed(cancelling);
		}
	}

	private static void appendRow(StringBuilder data, Object[] row) {
		for (int i = 0; i < row.length; i++) {
			if (i > 0) {
				data.append('\t');
			}
			appendValue(data, row[i]);
		}
		data.append('\n');
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
