package com.settlebatch.sql;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * PostgreSQL's COPY in text format ({@link CopyText}), on the connection of the current
 * transaction, sent in pieces of about {@value #PIECE} bytes while the rest is still
 * being written, so that the server parses and indexes the first rows while this thread
 * formats the next (sent whole, the server waited for the chunk's last row and the thread
 * then waited for the server).
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
				CopyText piece = new CopyText(PIECE + 1024);
				for (Object[] row : rows) {
					piece.appendRow(row);
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
	 * Whole rows only: a character outside the BMP (an emoji) is never split across two
	 * pieces (the driver's Reader variant turned such a split into "??").
	 */
	private static void send(CopyIn copy, CopyText piece) throws SQLException {
		if (piece.length() == 0) {
			return;
		}
		copy.writeToCopy(piece.bytes(), 0, piece.length());
		piece.clear();
	}

	private static void cancelQuietly(CopyIn copy, Exception failure) {
		try {
			copy.cancelCopy();
		}
		catch (SQLException cancelling) {
			failure.addSuppressed(cancelling);
		}
	}

}
