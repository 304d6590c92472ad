package com.settlebatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault injection: targeted faults keyed by account id so a test can target one payment
 * in a batch, seeded random faults and latency for soak runs, and the per-key state of
 * the magic behaviours. Thread-safe; every targeted fault is consumed exactly once per
 * affected call.
 */
public final class SandboxFaults {

	private record Failure(int remaining, int status) {
	}

	/** Extra latency drawn uniformly from [min, max] per request. */
	private record LatencyRange(Duration min, Duration max, Random random) {

		static final LatencyRange OFF = new LatencyRange(Duration.ZERO, Duration.ZERO, new Random(0));

		Duration next() {
			long spanNanos = max.minus(min).toNanos();
			if (spanNanos == 0) {
				return min;
			}
			synchronized (random) {
				return min.plusNanos(random.nextLong(spanNanos + 1));
			}
		}
	}

	private final ConcurrentHashMap<String, Failure> failures = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Integer> drops = new ConcurrentHashMap<>();

	private final MagicBehaviors magic;

	private final long seed;

	private volatile RandomFaults random = RandomFaults.OFF;

	private volatile LatencyRange latency = LatencyRange.OFF;

	SandboxFaults(long seed, Clock clock) {
		this.seed = seed;
		this.magic = new MagicBehaviors(clock);
	}

	/**
	 * The next {@code times} payment calls for the account answer {@code httpStatus}
	 * (5xx) with {@code INTERNAL_ERROR}; nothing is charged or stored, so a retry with
	 * the same key can succeed. {@code times <= 0} removes the fault.
	 */
	public void failNext(String accountId, int times, int httpStatus) {
		Objects.requireNonNull(accountId, "accountId");
		if (httpStatus < 500 || httpStatus > 599) {
			// 4xx answers are final and stored; simulating them here would break that
			// rule.
			throw new IllegalArgumentException("httpStatus must be a 5xx status, was " + httpStatus);
		}
		if (times <= 0) {
			failures.remove(accountId);
		}
		else {
			failures.put(accountId, new Failure(times, httpStatus));
		}
	}

	/**
	 * The next {@code times} charges for the account are made and stored, but the HTTP
	 * exchange is aborted without a response. For {@code /batch/create} the whole request
	 * is aborted. {@code times <= 0} removes the fault.
	 */
	public void dropResponseAfterCharge(String accountId, int times) {
		Objects.requireNonNull(accountId, "accountId");
		if (times <= 0) {
			drops.remove(accountId);
		}
		else {
			drops.put(accountId, times);
		}
	}

	/**
	 * From now on, each fresh payment call (never a replay of a stored answer) answers,
	 * with the given probabilities: a 500/502/503/504 {@code INTERNAL_ERROR} that is not
	 * stored; a {@code 402
	 * insufficient_funds} decline, final and stored; or its normal answer after sleeping
	 * {@code hang} (to provoke client read time-outs; the charge is made before the
	 * sleep). The draws are seeded with the settings' seed and restart with every call of
	 * this method. All rates 0 turns them off.
	 * @throws IllegalArgumentException unless every rate is within [0, 1], they add up to
	 * at most 1 and {@code hang} is not negative
	 */
	public void randomFaults(double serverErrorRate, double declineRate, double hangRate, Duration hang) {
		random = new RandomFaults(serverErrorRate, declineRate, hangRate, hang, seed);
	}

	/**
	 * Every request sleeps an extra latency drawn uniformly from [min, max] (seeded), on
	 * top of the settings' fixed latency. {@code latency(ZERO, ZERO)} turns it off.
	 */
	public void latency(Duration min, Duration max) {
		Objects.requireNonNull(min, "min");
		Objects.requireNonNull(max, "max");
		if (min.isNegative() || max.compareTo(min) < 0) {
			throw new IllegalArgumentException("want 0 <= min <= max, got " + min + " and " + max);
		}
		// A stream of its own, so that configuring latency does not shift the sequence of
		// faults.
		latency = new LatencyRange(min, max, new Random(~seed));
	}

	/**
	 * Removes every injected fault, random fault and latency, and forgets the magic
	 * behaviours' state.
	 */
	public void clear() {
		failures.clear();
		drops.clear();
		random = RandomFaults.OFF;
		latency = LatencyRange.OFF;
		magic.clear();
	}

	/**
	 * Whether a magic behaviour of the key (started now by {@code requested}, or earlier)
	 * fails this request.
	 */
	boolean takeMagicFailure(String uniqueKey, MagicBehavior requested) {
		return magic.takeFailure(uniqueKey, requested);
	}

	RandomFaults.Draw drawRandomFault() {
		return random.next();
	}

	Duration nextLatency() {
		return latency.next();
	}

	/** Consumes one pending failure for the account, answering the status to simulate. */
	OptionalInt takeFailure(String accountId) {
		if (accountId == null) {
			return OptionalInt.empty();
		}
		int[] status = { 0 };
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
		boolean[] taken = { false };
		drops.computeIfPresent(accountId, (id, remaining) -> {
			taken[0] = true;
			return remaining > 1 ? remaining - 1 : null;
		});
		return taken[0];
	}

}
