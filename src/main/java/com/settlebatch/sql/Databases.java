package com.settlebatch.sql;

import java.sql.DatabaseMetaData;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database a data source holds: the product runs the same tests on H2 (embedded)
 * and PostgreSQL (production), and a few statements differ between them.
 */
public final class Databases {

	/**
	 * The answers given so far, by data source: asking the driver takes a connection from
	 * the pool, and the repositories ask for every chunk.
	 */
	private static final Map<DataSource, Boolean> POSTGRES = Collections.synchronizedMap(new WeakHashMap<>());

	private Databases() {
	}

	/**
	 * Whether the database is PostgreSQL. Asks the driver the first time a data source is
	 * given, and remembers the answer: not earlier, so that a command that never touches
	 * the database does not connect to it.
	 * @throws IllegalStateException when the database cannot be reached to tell
	 */
	public static boolean isPostgres(DataSource dataSource) {
		Boolean known = POSTGRES.get(dataSource);
		if (known == null) {
			known = isPostgres(productName(dataSource));
			POSTGRES.put(dataSource, known);
		}
		return known;
	}

	/**
	 * @param productName as {@link #productName(DataSource)} gives it
	 */
	public static boolean isPostgres(String productName) {
		return productName.toLowerCase(Locale.ROOT).contains("postgres");
	}

	public static String productName(DataSource dataSource) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException unreadable) {
			throw new IllegalStateException("cannot tell which database this is", unreadable);
		}
	}

}
