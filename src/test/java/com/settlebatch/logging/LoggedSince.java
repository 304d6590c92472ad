package com.settlebatch.logging;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Everything logged from now on as the log file under {@code data/logs/} gets it, stack
 * traces included: what no longer reaches the terminal is scanned here. Kept in memory
 * rather than read back from the file, because in a test JVM the file is whichever the
 * last application to start logging chose (a command's throw-away home, long deleted).
 */
public final class LoggedSince extends AppenderBase<ILoggingEvent> {

	private final StringBuilder text = new StringBuilder();

	private final List<Logger> attachedTo = new ArrayList<>();

	private final PatternLayoutEncoder encoder = new PatternLayoutEncoder();

	private LoggedSince() {
	}

	/** From now on, on every logger that has an appender of its own. */
	public static LoggedSince now() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		LoggedSince capture = new LoggedSince();
		capture.setContext(context);
		capture.encoder.setContext(context);
		capture.encoder.setPattern("%level %logger - %msg%n");
		capture.encoder.start();
		capture.start();
		for (Logger logger : context.getLoggerList()) {
			if (logger.iteratorForAppenders().hasNext()) {
				logger.addAppender(capture);
				capture.attachedTo.add(logger);
			}
		}
		return capture;
	}

	@Override
	protected synchronized void append(ILoggingEvent event) {
		text.append(new String(encoder.encode(event), java.nio.charset.StandardCharsets.UTF_8));
	}

	/** What was logged, traces included; stops capturing. */
	public synchronized String text() {
		attachedTo.forEach(logger -> logger.detachAppender(this));
		attachedTo.clear();
		stop();
		return text.toString();
	}

}
