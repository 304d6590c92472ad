package com.settlebatch.ops;

/** A command that cannot be carried out, with the exit code that says why. */
public class OperationException extends RuntimeException {

	private final int exitCode;

	public OperationException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public OperationException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return exitCode;
	}

}
