package com.settlebatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.node.ObjectNode;

/**
 * Final answers per unique key, plus the keys currently being processed. A key is only
 * ever processed by the request that holds its {@link Claim}, which is what makes
 * charging exactly-once.
 */
final class IdempotencyStore {

	static final Duration KEY_TTL = Duration.ofHours(24);

	private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

	record StoredAnswer(String fingerprint, int status, ObjectNode body, Instant storedAt) {
	}

	private final ConcurrentHashMap<String, StoredAnswer> answers = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Claim> inFlight = new ConcurrentHashMap<>();

	private final Clock clock;

	private volatile Instant nextSweep;

	IdempotencyStore(Clock clock) {
		this.clock = clock;
		this.nextSweep = clock.instant().plus(SWEEP_INTERVAL);
	}

	/**
	 * The stored answer for the key, unless it has expired. The body must not be
	 * modified.
	 */
	Optional<StoredAnswer> find(String key) {
		StoredAnswer answer = answers.get(key);
		if (answer != null && isExpired(answer, clock.instant())) {
			answers.remove(key, answer);
			return Optional.empty();
		}
		return Optional.ofNullable(answer);
	}

	void store(String key, String fingerprint, int status, ObjectNode body) {
		Instant now = clock.instant();
		answers.put(key, new StoredAnswer(fingerprint, status, body.deepCopy(), now));
		sweepIfDue(now);
	}

	/** Whether a request is processing the key right now. */
	boolean isInFlight(String key) {
		return inFlight.containsKey(key);
	}

	int size() {
		return answers.size();
	}

	Claim newClaim() {
		return new Claim();
	}

	private static boolean isExpired(StoredAnswer answer, Instant now) {
		return !answer.storedAt().plus(KEY_TTL).isAfter(now);
	}

	// Expired keys that are never looked up again would otherwise pile up in a
	// long-running sandbox.
	private void sweepIfDue(Instant now) {
		if (now.isBefore(nextSweep)) {
			return;
		}
		nextSweep = now.plus(SWEEP_INTERVAL);
		answers.entrySet().removeIf(entry -> isExpired(entry.getValue(), now));
	}

	/**
	 * The keys one HTTP request is processing. Used by a single request thread; released
	 * before the response is written so a client retrying right after an answer never
	 * sees a spurious 409.
	 */
	final class Claim implements AutoCloseable {

		private final Set<String> held = new HashSet<>();

		/**
		 * @return false when another request is processing the key
		 */
		boolean acquire(String key) {
			// A batch may repeat a key; its later calls then see the earlier call's
			// stored answer.
			if (held.contains(key)) {
				return true;
			}
			if (inFlight.putIfAbsent(key, this) != null) {
				return false;
			}
			held.add(key);
			return true;
		}

		@Override
		public void close() {
			held.forEach(key -> inFlight.remove(key, this));
			held.clear();
		}

	}

}
