package com.settlebatch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which database the functional tests run on: H2 in memory by default, PostgreSQL when
 * the build runs them with {@code -Dsettle.test.db=postgresql} (the second Surefire
 * execution). PostgreSQL tests are skipped where no server answers, except under
 * {@code CI=true}, where a missing server must fail the build rather than quietly test
 * less.
 */
public final class TestDatabase implements ExecutionCondition {

	public static final String POSTGRES_URL = System.getProperty("settle.test.postgres.url",
			"jdbc:postgresql://127.0.0.1:5432/test");

	/**
	 * One schema per test JVM, so that two builds on one machine never share tables;
	 * dropped on exit.
	 */
	public static final String POSTGRES_SCHEMA = "settle_test_" + ProcessHandle.current().pid();

	static {
		if (postgres()) {
			Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropSchema));
		}
	}

	public static boolean postgres() {
		return "postgresql".equals(System.getProperty("settle.test.db"));
	}

	private static void dropSchema() {
		try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + POSTGRES_SCHEMA + " CASCADE");
		}
		catch (SQLException unreachable) {
			// Nothing was created where nothing answers.
		}
	}

	static boolean postgresReachable() {
		try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
			return true;
		}
		catch (SQLException unreachable) {
			return false;
		}
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!postgres() || "true".equals(System.getenv("CI")) || postgresReachable()) {
			return ConditionEvaluationResult.enabled(postgres() ? "PostgreSQL at " + POSTGRES_URL : "H2 in memory");
		}
		return ConditionEvaluationResult.disabled("no PostgreSQL at " + POSTGRES_URL + " (set CI=true to require it)");
	}

}
