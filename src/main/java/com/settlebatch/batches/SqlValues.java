package com.settlebatch.batches;

import java.sql.Types;
import java.util.Collection;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.support.SqlArrayValue;

/** Parameters as the repositories of this package bind them. */
final class SqlValues {

	private SqlValues() {
	}

	/**
	 * A nullable text parameter with its type: an untyped null makes the JDBC layer ask
	 * the driver for the parameter's type, a round trip per statement on PostgreSQL.
	 */
	static SqlParameterValue text(String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	/**
	 * A list as one array parameter: {@code = ANY(:ids)} probes the index once per
	 * element with one SQL text whatever the list's length, where {@code IN (:ids)} would
	 * make a statement (and a plan) per length, and a bind parameter per element.
	 */
	static SqlArrayValue varchars(Collection<String> values) {
		return new SqlArrayValue("varchar", values.toArray());
	}

}
