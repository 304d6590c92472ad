package com.settlebatch.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.settlebatch.TestDatabase;

/**
 * A cluster needs the shared PostgreSQL (the build's second Surefire execution) and a
 * RabbitMQ broker at 127.0.0.1:5672. Without a broker the tests skip, except under
 * {@code CI=true}, where a missing broker must fail the build rather than quietly test
 * less.
 */
final class ClusterTestCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!TestDatabase.postgres()) {
			return ConditionEvaluationResult.disabled("a cluster shares PostgreSQL: runs in the postgresql execution");
		}
		if ("true".equals(System.getenv("CI")) || brokerAnswers()) {
			return ConditionEvaluationResult.enabled("RabbitMQ at 127.0.0.1:5672");
		}
		return ConditionEvaluationResult.disabled("no RabbitMQ at 127.0.0.1:5672 (set CI=true to require it)");
	}

	private static boolean brokerAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
			return true;
		}
		catch (IOException unreachable) {
			return false;
		}
	}

}
