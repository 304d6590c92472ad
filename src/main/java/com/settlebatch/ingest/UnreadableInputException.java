package com.settlebatch.ingest;

/**
 * The file as a whole cannot be read: not UTF-8, not CSV or JSON, a bad header, a broken
 * structure. Not skippable: the import fails and the file is moved to
 * {@code input/failed/} with this message as its reason.
 */
public class UnreadableInputException extends RuntimeException {

	public UnreadableInputException(String message) {
		super(message);
	}

	public UnreadableInputException(String message, Throwable cause) {
		super(message, cause);
	}

}
