package com.settlebatch.sandbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the provider's idempotency magic values (seed 001, "Using Magic Headers"):
 * {@code Idempotency_Retry_N} or {@code Idempotency_Downtime_S}.
 *
 * @param amount failed requests for {@link Kind#RETRY}, seconds of failure for
 * {@link Kind#DOWNTIME}
 */
record MagicBehavior(Kind kind, long amount) {

	enum Kind {

		RETRY, DOWNTIME

	}

	static final String HEADER = "WePay-Magic-Behavior";

	// Nine digits at most: enough for any test, and no overflow when turned into a count
	// or a duration.
	private static final Pattern VALUE = Pattern.compile("Idempotency_(Retry|Downtime)_(\\d{1,9})");

	/**
	 * The value of the header or of a batch call's {@code magic_behavior}; empty when it
	 * is not a magic value.
	 */
	static Optional<MagicBehavior> parse(String value) {
		Matcher matcher = VALUE.matcher(value);
		return matcher.matches() ? Optional.of(of(matcher)) : Optional.empty();
	}

	/**
	 * The magic value embedded in an account id ({@code acct-Idempotency_Retry_2}), so
	 * that plain input files, which cannot carry headers, can still trigger the
	 * behaviour.
	 */
	static Optional<MagicBehavior> inAccount(String accountId) {
		if (accountId == null) {
			return Optional.empty();
		}
		Matcher matcher = VALUE.matcher(accountId);
		return matcher.find() ? Optional.of(of(matcher)) : Optional.empty();
	}

	private static MagicBehavior of(Matcher matcher) {
		Kind kind = matcher.group(1).equals("Retry") ? Kind.RETRY : Kind.DOWNTIME;
		return new MagicBehavior(kind, Long.parseLong(matcher.group(2)));
	}
}
