package com.settlebatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the magic behaviours per unique key. A behaviour starts with the first
 * request that names it for a key and stays attached to the key for the key's lifetime,
 * so a client that resends the header on every retry does not restart it, and one that
 * drops it is still affected.
 */
final class MagicBehaviors {

	private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

	private record State(MagicBehavior behavior, Instant firstSeen, long remaining) {
	}

	private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

	private final Clock clock;

	private volatile Instant nextSweep;

	MagicBehaviors(Clock clock) {
		this.clock = clock;
		this.nextSweep = clock.instant().plus(SWEEP_INTERVAL);
	}

	/**
	 * Whether this request for the key must fail with a simulated 500.
	 * @param requested the behaviour this request names, or {@code null}
	 */
	boolean takeFailure(String uniqueKey, MagicBehavior requested) {
		Instant now = clock.instant();
		sweepIfDue(now);
		boolean[] fail = { false };
		states.compute(uniqueKey, (key, state) -> {
			State current = state == null || isExpired(state, now) ? start(requested, now) : state;
			if (current == null) {
				return null;
			}
			if (current.behavior().kind() == MagicBehavior.Kind.DOWNTIME) {
				fail[0] = now.isBefore(current.firstSeen().plusSeconds(current.behavior().amount()));
				return current;
			}
			fail[0] = current.remaining() > 0;
			return fail[0] ? new State(current.behavior(), current.firstSeen(), current.remaining() - 1) : current;
		});
		return fail[0];
	}

	void clear() {
		states.clear();
	}

	private static State start(MagicBehavior requested, Instant now) {
		return requested == null ? null : new State(requested, now, requested.amount());
	}

	// Same lifetime as the key's stored answer: a key reused after expiry starts afresh.
	private static boolean isExpired(State state, Instant now) {
		return !state.firstSeen().plus(IdempotencyStore.KEY_TTL).isAfter(now);
	}

	private void sweepIfDue(Instant now) {
		if (now.isBefore(nextSweep)) {
			return;
		}
		nextSweep = now.plus(SWEEP_INTERVAL);
		states.values().removeIf(state -> isExpired(state, now));
	}

}
