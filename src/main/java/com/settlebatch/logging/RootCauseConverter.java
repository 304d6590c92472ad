package com.settlebatch.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

import com.settlebatch.masking.CardNumbers;

/**
 * {@code %rootCause} in a terminal pattern: an event's exception as its root cause in a
 * few words, {@code " (ConnectException: Connection refused)"}, or nothing. The trace
 * itself goes to the log file only; a person at a terminal needs the why, not the where.
 */
public class RootCauseConverter extends ThrowableHandlingConverter {

	private static final int MAX = 300;

	@Override
	public String convert(ILoggingEvent event) {
		IThrowableProxy root = event.getThrowableProxy();
		if (root == null) {
			return "";
		}
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String className = root.getClassName();
		String summary = className.substring(className.lastIndexOf('.') + 1) + firstLine(root.getMessage());
		if (summary.length() > MAX) {
			summary = summary.substring(0, MAX - 3) + "...";
		}
		return " (" + CardNumbers.mask(summary) + ")";
	}

	private static String firstLine(String message) {
		if (message == null || message.isBlank()) {
			return "";
		}
		return ": " + message.strip().lines().findFirst().orElse("");
	}

}
