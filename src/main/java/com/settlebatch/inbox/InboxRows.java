package com.settlebatch.inbox;

import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The process indicator: what became of each taken row, written in the transaction that
 * decided it.
 */
final class InboxRows {

	private InboxRows() {
	}

	static void imported(JdbcClient jdbc, Collection<Long> ids) {
		if (!ids.isEmpty()) {
			jdbc.sql("UPDATE payment_inbox SET status = 'IMPORTED' WHERE status = 'TAKEN' AND id IN (:ids)")
				.param("ids", ids)
				.update();
		}
	}

	static void rejected(JdbcClient jdbc, long id) {
		jdbc.sql("UPDATE payment_inbox SET status = 'REJECTED' WHERE id = ?").param(id).update();
	}

}
