package com.settlebatch.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.web.server.PortInUseException;

import com.settlebatch.ingest.UnreadableInputException;
import com.settlebatch.logging.ConsoleLog;
import com.settlebatch.masking.CardNumbers;

/**
 * A failed command told in a person's words: what failed and what to check in one line,
 * then where the full log is. The stack trace goes to that log, never to the terminal.
 */
final class Failures {

	private Failures() {
	}

	/**
	 * A command that threw (a service that could not start, a database gone): its reason
	 * and the log on stderr, its trace in the log; the exit code of the README's table.
	 */
	static int report(PrintWriter err, String command, Throwable failure) {
		ConsoleLog.traceToFile("settle " + command + " failed", failure);
		Optional<PortInUseException> port = find(failure, PortInUseException.class);
		if (port.isPresent()) {
			err.println("settle: " + command + ": port " + port.get().getPort()
					+ " is already in use; stop what listens there, or choose another port with --port or SERVER_PORT");
			printLog(err);
			return ExitCodes.BAD_INPUT;
		}
		err.println("settle: " + command + ": " + reason(failure));
		printLog(err);
		return ExitCodes.JOB_FAILED;
	}

	/**
	 * A job execution that did not complete: its reason and where to look, beside the
	 * execution's table on stdout.
	 */
	static void report(PrintWriter err, JobExecution execution) {
		if (!execution.getStatus().isUnsuccessful()) {
			return;
		}
		String job = execution.getJobInstance().getJobName();
		Optional<UnreadableInputException> unreadable = unreadable(execution);
		if (unreadable.isPresent()) {
			err.println("settle: " + job + " failed, the file cannot be read: "
					+ CardNumbers.mask(unreadable.get().getMessage().strip().lines().findFirst().orElse("")));
		}
		else {
			String description = execution.getExitStatus().getExitDescription();
			err.println("settle: " + job + " execution " + execution.getId() + " " + execution.getStatus()
					+ (description == null || description.isBlank() ? "" : ": " + firstLine(description)));
		}
		err.println("settle: see `settle execution " + execution.getId() + "`"
				+ ConsoleLog.file().map(file -> " and the log " + file).orElse(""));
	}

	/**
	 * The input was unreadable as a whole (not UTF-8, no header, broken JSON): bad input,
	 * not a failed job.
	 */
	static Optional<UnreadableInputException> unreadable(JobExecution execution) {
		return execution.getAllFailureExceptions()
			.stream()
			.flatMap(failure -> find(failure, UnreadableInputException.class).stream())
			.findFirst();
	}

	/**
	 * One line: what could not be reached and what to check, or else the root cause.
	 */
	static String reason(Throwable failure) {
		Optional<Broker.Unreachable> broker = find(failure, Broker.Unreachable.class);
		if (broker.isPresent()) {
			return broker.get().getMessage();
		}
		if (find(failure, AmqpConnectException.class).isPresent()) {
			return "cannot reach the RabbitMQ broker (" + rootCause(failure)
					+ "); check that it runs and spring.rabbitmq.host / port (SPRING_RABBITMQ_HOST, SPRING_RABBITMQ_PORT)";
		}
		Optional<SQLException> sql = find(failure, SQLException.class);
		if (sql.isPresent() && databaseUnreachable(failure, sql.get())) {
			return "cannot reach the database (" + CardNumbers.mask(firstLine(sql.get().getMessage()))
					+ "); check that it runs and its URL: spring.datasource.url, or SETTLE_DB_URL with SPRING_PROFILES_ACTIVE=postgres";
		}
		return rootCause(failure);
	}

	/**
	 * A connection that failed on its way to the database, as opposed to a statement the
	 * database refused.
	 */
	private static boolean databaseUnreachable(Throwable failure, SQLException sql) {
		String state = sql.getSQLState();
		return (state != null && state.startsWith("08")) || find(failure, ConnectException.class).isPresent()
				|| find(failure, UnknownHostException.class).isPresent();
	}

	static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = firstLine(root.getMessage());
		return CardNumbers.mask(
				message.isEmpty() ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message);
	}

	private static void printLog(PrintWriter err) {
		ConsoleLog.file().ifPresent(file -> err.println("settle: the full log: " + file));
	}

	private static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String line = text.strip().lines().findFirst().orElse("");
		return line.length() > 300 ? line.substring(0, 297) + "..." : line;
	}

	private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return Optional.of(type.cast(t));
			}
		}
		return Optional.empty();
	}

}
