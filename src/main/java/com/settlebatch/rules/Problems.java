package com.settlebatch.rules;

/**
 * Builds {@link FieldProblem}s whose echoed value stays small enough for a rejects file
 * and a log line.
 */
public final class Problems {

	static final int MAX_RAW_VALUE = 200;

	private Problems() {
	}

	public static FieldProblem of(String field, String reason, String rawValue) {
		return new FieldProblem(field, reason, truncate(rawValue));
	}

	public static String truncate(String value) {
		if (value == null || value.length() <= MAX_RAW_VALUE) {
			return value;
		}
		int end = MAX_RAW_VALUE;
		// Never cut a surrogate pair in half: the rejects file must stay valid UTF-8.
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end);
	}

}
