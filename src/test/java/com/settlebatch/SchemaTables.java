package com.settlebatch;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

/**
 * The tables a functional test empties, read from the database's own metadata rather than
 * kept by hand (a table added by a migration is cleaned without anyone remembering to):
 * every table of the connection's schema but the ones a caller keeps, each after the
 * tables whose foreign keys reference it, so that plain DELETEs in that order never break
 * a constraint, on H2 and PostgreSQL alike.
 */
final class SchemaTables {

	/**
	 * Per schema: every context of a test JVM migrates the same schema, which tests never
	 * alter for good.
	 */
	private static final Map<String, List<String>> CHILDREN_FIRST = new ConcurrentHashMap<>();

	private SchemaTables() {
	}

	/**
	 * Every table of the schema but the kept ones (named in any case), children first.
	 */
	static List<String> childrenFirst(DataSource dataSource, Set<String> kept) {
		try (Connection connection = dataSource.getConnection()) {
			String schema = connection.getSchema();
			return CHILDREN_FIRST.computeIfAbsent(schema + "/" + kept, key -> read(connection, schema, kept));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the tables of the test schema", ex);
		}
	}

	private static List<String> read(Connection connection, String schema, Set<String> kept) {
		try {
			DatabaseMetaData metaData = connection.getMetaData();
			String schemaPattern = escape(schema, metaData.getSearchStringEscape());
			Map<String, Set<String>> parents = new LinkedHashMap<>();
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), schemaPattern, "%", null)) {
				while (tables.next()) {
					String type = tables.getString("TABLE_TYPE");
					String name = tables.getString("TABLE_NAME");
					if (("TABLE".equals(type) || "BASE TABLE".equals(type))
							&& kept.stream().noneMatch(name::equalsIgnoreCase)) {
						parents.put(name, new HashSet<>());
					}
				}
			}
			for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
				try (ResultSet keys = metaData.getImportedKeys(connection.getCatalog(), schema, table.getKey())) {
					while (keys.next()) {
						String parent = keys.getString("PKTABLE_NAME");
						if (!parent.equals(table.getKey())) {
							table.getValue().add(parent);
						}
					}
				}
			}
			return childrenFirst(parents);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the tables of schema " + schema, ex);
		}
	}

	/** A table comes once no remaining table references it. */
	private static List<String> childrenFirst(Map<String, Set<String>> parents) {
		List<String> order = new ArrayList<>();
		Set<String> remaining = new HashSet<>(parents.keySet());
		while (!remaining.isEmpty()) {
			List<String> free = remaining.stream()
				.filter(table -> remaining.stream().noneMatch(other -> parents.get(other).contains(table)))
				.sorted()
				.toList();
			if (free.isEmpty()) {
				throw new IllegalStateException("foreign keys in a cycle among " + remaining);
			}
			order.addAll(free);
			free.forEach(remaining::remove);
		}
		return List.copyOf(order);
	}

	private static String escape(String pattern, String escape) {
		return pattern.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
	}

}
