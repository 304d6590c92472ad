package com.settlebatch.ingest;

/** Builds {@link FieldProblem}s whose echoed value stays small enough for a rejects file and a log line. */
final class Problems {

	static final int MAX_RAW_VALUE = 200;

	private Problems() {
	}

	static FieldProblem of(String field, String reason, String rawValue) {
		return new FieldProblem(field, reason, truncate(rawValue));
	}

	static String truncate(String value) {
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
