package com.settlebatch.sandbox;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Programmatic fault injection, keyed by account id so a test can target one payment in a batch.
 * Thread-safe; every injected fault is consumed exactly once per affected call.
 */
public final class SandboxFaults {

	private record Failure(int remaining, int status) {
	}

	private final ConcurrentHashMap<String, Failure> failures = new ConcurrentHashMap<>();
	private final ConcurrentHashMap<String, Integer> drops = new ConcurrentHashMap<>();

	SandboxFaults() {
	}

	/**
	 * The next {@code times} payment calls for the account answer {@code httpStatus} (5xx) with
	 * {@code INTERNAL_ERROR}; nothing is charged or stored, so a retry with the same key can succeed.
	 * {@code times <= 0} removes the fault.
	 */
	public void failNext(String accountId, int times, int httpStatus) {
		Objects.requireNonNull(accountId, "accountId");
		if (httpStatus < 500 || httpStatus > 599) {
			// 4xx answers are final and stored; simulating them here would break that rule.
			throw new IllegalArgumentException("httpStatus must be a 5xx status, was " + httpStatus);
		}
		if (times <= 0) {
			failures.remove(accountId);
		} else {
			failures.put(accountId, new Failure(times, httpStatus));
		}
	}

	/**
	 * The next {@code times} charges for the account are made and stored, but the HTTP exchange is
	 * aborted without a response. For {@code /batch/create} the whole request is aborted.
	 * {@code times <= 0} removes the fault.
	 */
	public void dropResponseAfterCharge(String accountId, int times) {
		Objects.requireNonNull(accountId, "accountId");
		if (times <= 0) {
			drops.remove(accountId);
		} else {
			drops.put(accountId, times);
		}
	}

	public void clear() {
		failures.clear();
		drops.clear();
	}

	/** Consumes one pending failure for the account, answering the status to simulate. */
	OptionalInt takeFailure(String accountId) {
		if (accountId == null) {
			return OptionalInt.empty();
		}
		int[] status = {0};
		failures.computeIfPresent(accountId, (id, failure) -> {
			status[0] = failure.status();
			return failure.remaining() > 1 ? new Failure(failure.remaining() - 1, failure.status()) : null;
		});
		return status[0] == 0 ? OptionalInt.empty() : OptionalInt.of(status[0]);
	}

	/** Consumes one pending drop for the account. */
	boolean takeDrop(String accountId) {
		if (accountId == null) {
			return false;
		}
		boolean[] taken = {false};
		drops.computeIfPresent(accountId, (id, remaining) -> {
			taken[0] = true;
			return remaining > 1 ? remaining - 1 : null;
		});
		return taken[0];
	}
}
