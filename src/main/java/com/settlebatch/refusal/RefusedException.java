package com.settlebatch.refusal;

/**
 * An operation that cannot be carried out, and what kind of refusal it is. Each entry
 * point says it its own way: the command line as an exit code, the API as an HTTP status.
 * Depends on nothing, so that every package that refuses may throw it.
 */
public class RefusedException extends RuntimeException {

	/** What kind of refusal: what the caller may do about it. */
	public enum Kind {

		/** The execution, file or batch named does not exist. */
		NOT_FOUND,

		/**
		 * The state forbids it: already running or already complete, held by another
		 * process.
		 */
		CONFLICT,

		/**
		 * The request itself is wrong: a bad value, an unusable file, the wrong kind of
		 * node.
		 */
		BAD_INPUT,

		/** Tried and failed: a job that could not be (re)started. */
		FAILED

	}

	private final Kind kind;

	public RefusedException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public RefusedException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}

}
