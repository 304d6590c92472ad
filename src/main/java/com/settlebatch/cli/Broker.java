package com.settlebatch.cli;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of a cluster (transport rabbitmq) needs its broker. One that does not answer at
 * start-up is a failed start, told in one line with what to check, rather than a service
 * that seems up while its listeners retry in the log.
 */
final class Broker {

	private Broker() {
	}

	/** Closes the context and throws when the broker cannot be reached. */
	static void check(ConfigurableApplicationContext context) {
		String transport = context.getEnvironment().getProperty("settle.cluster.transport", "local");
		if (!"rabbitmq".equalsIgnoreCase(transport)) {
			return;
		}
		try {
			context.getBean(ConnectionFactory.class).createConnection().close();
		}
		catch (AmqpException ex) {
			String address = context.getEnvironment().getProperty("spring.rabbitmq.host", "localhost") + ":"
					+ context.getEnvironment().getProperty("spring.rabbitmq.port", "5672");
			context.close();
			throw new Unreachable(address, ex);
		}
	}

	/** The broker did not answer at the address the configuration names. */
	static final class Unreachable extends RuntimeException {

		Unreachable(String address, AmqpException cause) {
			super("cannot reach the RabbitMQ broker at " + address + " (" + Failures.rootCause(cause)
					+ "); check that it runs and spring.rabbitmq.host / port (SPRING_RABBITMQ_HOST, SPRING_RABBITMQ_PORT)",
					cause);
		}

	}

}
