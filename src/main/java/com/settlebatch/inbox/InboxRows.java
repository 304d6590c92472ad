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
			// One array parameter: one probe of the primary key per id, one SQL text.
			jdbc.sql("UPDATE payment_inbox SET status = 'IMPORTED' WHERE status = 'TAKEN' AND id = ANY(:ids)")
				.param("ids", new SqlArrayValue("bigint", ids.toArray()))
				.update();
		}
	}

	static void rejected(JdbcClient jdbc, long id) {
		jdbc.sql("UPDATE payment_inbox SET status = 'REJECTED' WHERE id = ?").param(id).update();
	}

}
