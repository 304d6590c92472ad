package com.settlebatch.sql;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database a data source holds: the product runs the same tests on H2 (embedded)
 * and PostgreSQL (production), and a few statements differ between them.
 */
public final class Databases {

	private Databases() {
	}

	/**
	 * Whether the database is PostgreSQL. Asks the driver once per call: callers keep the
	 * answer.
	 * @throws IllegalStateException when the database cannot be reached to tell
	 */
	public static boolean isPostgres(DataSource dataSource) {
		return isPostgres(productName(dataSource));
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
