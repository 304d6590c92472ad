package com.settlebatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the database already holds every migration of this build, asked without Flyway:
 * Flyway's own start (its configuration, a scan and a validation of every script) costs a
 * read-only command more than its query, and is needed only when the schema is behind (a
 * new or an older database), where the command migrates first as it always did. The
 * versions are read from the script names of {@code spring.flyway.locations} and compared
 * with Flyway's history table; anything unexpected (no table yet, a repeatable script)
 * counts as behind, so Flyway decides.
 */
final class SchemaCheck {

	private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__.*\\.sql");

	private SchemaCheck() {
	}

	static boolean current(JdbcClient jdbc, Environment environment, String jdbcUrl) {
		Set<String> expected = scriptVersions(environment, jdbcUrl);
		if (expected == null || expected.isEmpty()) {
			return false;
		}
		String table = environment.getProperty("spring.flyway.table", "flyway_schema_history");
		try {
			List<String> applied = jdbc.sql("SELECT \"version\" FROM \"" + table + "\" WHERE \"success\" = TRUE")
				.query(String.class)
				.list();
			return new HashSet<>(applied).containsAll(expected);
		}
		catch (DataAccessException noHistoryYet) {
			return false;
		}
	}

	/**
	 * The versions of this build's scripts, or null when one is not a plain versioned
	 * script.
	 */
	private static Set<String> scriptVersions(Environment environment, String jdbcUrl) {
		String vendor = DatabaseDriver.fromJdbcUrl(jdbcUrl).getId();
		String[] locations = environment.getProperty("spring.flyway.locations", String[].class,
				new String[] { "classpath:db/migration" });
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		Set<String> versions = new HashSet<>();
		try {
			for (String location : locations) {
				if (!location.startsWith("classpath:")) {
					return null;
				}
				String folder = location.replace("{vendor}", vendor).substring("classpath:".length());
				for (Resource script : resolver.getResources("classpath*:" + folder + "/*")) {
					Matcher versioned = VERSIONED.matcher(String.valueOf(script.getFilename()));
					if (!versioned.matches()) {
						return null;
					}
					versions.add(versioned.group(1).replace('_', '.'));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return versions;
	}

}
