package com.settlebatch.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's guard of {@code audit_event} (migration {@code h2/V19_1}), as PostgreSQL's trigger
 * of {@code postgresql/V16_1}: every UPDATE and DELETE of a row is refused, even to the
 * application. H2 runs a trigger as a Java class named in the migration, so H2 loads this
 * one, never Spring.
 */
public class AppendOnlyTrigger implements Trigger {

	/**
	 * The words of PostgreSQL's trigger, so callers read one message on either database;
	 * SQLSTATE 27000 is the standard's "triggered data change violation".
	 */
	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		throw new SQLException("audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
				"27000");
	}

}
