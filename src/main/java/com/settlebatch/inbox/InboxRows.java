package com.settlebatch.inbox;

import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The process indicator: what became of each taken row, written in the transaction that
 * decided it.
 */
final class InboxRows {

	private InboxRows() {
	}

	static void imported(JdbcClient jdbc, Collection<Long> ids) {
		if (!ids.isEmpty()) {
			// A probe of the primary key per id (one array parameter, one SQL text). The
			// status is checked in the SET, not the WHERE: there, PostgreSQL without
			// statistics may walk the status index through every row the run took, for
			// each chunk.
			jdbc.sql("UPDATE payment_inbox SET status = CASE WHEN status = 'TAKEN' THEN 'IMPORTED' ELSE status END "
					+ "WHERE id = ANY(:ids)")
				.param("ids", new SqlArrayValue("bigint", ids.toArray()))
				.update();
		}
	}

	static void rejected(JdbcClient jdbc, long id) {
		jdbc.sql("UPDATE payment_inbox SET status = 'REJECTED' WHERE id = ?").param(id).update();
	}

}
