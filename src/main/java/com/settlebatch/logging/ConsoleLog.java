package com.settlebatch.logging;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command needs of {@code logback-spring.xml}: where the log file is, a way to put
 * a failure's trace there and nowhere else, and the frameworks' warnings on the terminal
 * of a service once it has started.
 */
public final class ConsoleLog {

	/** Configured with the file as its only appender. */
	private static final Logger fileOnly = LoggerFactory.getLogger("com.settlebatch.logging.FileOnly");

	private static final String FRAMEWORKS = "TERMINAL_FRAMEWORKS";

	private ConsoleLog() {
	}

	/**
	 * The log file, once the application has configured logging (a command that failed
	 * before it started the application has none).
	 */
	public static Optional<Path> file() {
		return rootAppenders().filter(FileAppender.class::isInstance)
			.map(appender -> ((FileAppender<?>) appender).getFile())
			.map(file -> Path.of(file).toAbsolutePath().normalize())
			.findFirst();
	}

	/**
	 * The failure's stack trace in the log file, never on the terminal; nothing when
	 * there is no file yet (logback's defaults would print it on stdout).
	 */
	public static void traceToFile(String what, Throwable failure) {
		if (file().isPresent()) {
			fileOnly.error(what, failure);
		}
	}

	/**
	 * A service that has started shows the frameworks' warnings and errors too (one line
	 * each); before, its start-up failure is told by the command in its own words.
	 */
	public static void showFrameworkWarnings() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(FRAMEWORKS);
			if (appender != null) {
				appender.getCopyOfAttachedFiltersList()
					.stream()
					.filter(ThresholdFilter.class::isInstance)
					.forEach(filter -> ((ThresholdFilter) filter).setLevel("WARN"));
			}
		}
	}

	private static Stream<Appender<ILoggingEvent>> rootAppenders() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return Stream.empty();
		}
		Stream.Builder<Appender<ILoggingEvent>> appenders = Stream.builder();
		Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
		it.forEachRemaining(appenders::add);
		return appenders.build();
	}

}
