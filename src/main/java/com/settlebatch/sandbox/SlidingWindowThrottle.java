package com.settlebatch.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The provider's rate limit (seed 001, "API Rate Limits"): three throttles in force
 * together, each a sliding window of admitted requests. Every request counts in the app's
 * window and in its endpoint's; a payment request also counts once in the window of each
 * merchant account it pays. A request is admitted only when all of its windows have room,
 * and then takes a slot in each; a refused request takes none, so a client backing off is
 * not punished.
 */
final class SlidingWindowThrottle {

	/** Which throttle refused, named in the answer's error code as the seed does. */
	enum Kind {

		// The seed names this reason; the two others are named after it, the seed naming
		// none.
		APPLICATION("APPLICATION_REQUEST_THROTTLE_EXCEEDED"), ENDPOINT("ENDPOINT_REQUEST_THROTTLE_EXCEEDED"),
		ACCOUNT("ACCOUNT_REQUEST_THROTTLE_EXCEEDED");

		final String reason;

		Kind(String reason) {
			this.reason = reason;
		}

	}

	/**
	 * @param kind the throttle in play: the first full one of app, endpoint, account
	 * @param limit that throttle's limit
	 * @param retryAfterSeconds whole seconds (at least 1) until every full window has a
	 * free slot, so a client that waits this long is not refused by another throttle
	 */
	record Refusal(Kind kind, int limit, long retryAfterSeconds) {

		/** {@code THROTTLE_EXCEEDED.<reason>}, as seed 001 writes it. */
		String errorCode() {
			return SandboxJson.THROTTLE_EXCEEDED + "." + kind.reason;
		}

	}

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final SandboxSettings.Throttle limits;

	private final long windowNanos;

	private final LongSupplier nanoTime;

	/**
	 * Admission times per window ("app", "endpoint POST /payments", "account acct-1"),
	 * oldest first; guarded by this.
	 */
	private final Map<String, ArrayDeque<Long>> admitted = new HashMap<>();

	/**
	 * When idle windows were last swept away, so that accounts paid once do not stay
	 * forever. Guarded by this.
	 */
	private long sweptAt;

	SlidingWindowThrottle(SandboxSettings.Throttle limits) {
		this(limits, System::nanoTime);
	}

	SlidingWindowThrottle(SandboxSettings.Throttle limits, LongSupplier nanoTime) {
		this.limits = limits;
		this.windowNanos = limits.window().toNanos();
		this.nanoTime = nanoTime;
		this.sweptAt = nanoTime.getAsLong();
	}

	/**
	 * @param endpoint the method and path, e.g. {@code POST /payments}
	 * @param accounts the merchant accounts the request pays (empty for a lookup)
	 * @return empty when the request is admitted, otherwise why not and when to come back
	 */
	synchronized Optional<Refusal> tryAcquire(String endpoint, Collection<String> accounts) {
		long now = nanoTime.getAsLong();
		sweepIdleWindows(now);
		List<Window> windows = new ArrayList<>(2 + accounts.size());
		if (limits.app() > 0) {
			windows.add(new Window(Kind.APPLICATION, limits.app(), "app"));
		}
		if (limits.endpoint() > 0) {
			windows.add(new Window(Kind.ENDPOINT, limits.endpoint(), "endpoint " + endpoint));
		}
		if (limits.account() > 0) {
			accounts.stream()
				.distinct()
				.forEach(account -> windows.add(new Window(Kind.ACCOUNT, limits.account(), "account " + account)));
		}
		Kind refusedBy = null;
		int refusedLimit = 0;
		long waitNanos = 0;
		for (Window window : windows) {
			ArrayDeque<Long> times = admitted.computeIfAbsent(window.key(), key -> new ArrayDeque<>());
			prune(times, now);
			if (times.size() >= window.limit()) {
				if (refusedBy == null) {
					refusedBy = window.kind();
					refusedLimit = window.limit();
				}
				waitNanos = Math.max(waitNanos, times.peekFirst() + windowNanos - now);
			}
		}
		if (refusedBy != null) {
			return Optional.of(new Refusal(refusedBy, refusedLimit,
					Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND)));
		}
		windows.forEach(window -> admitted.get(window.key()).addLast(now));
		return Optional.empty();
	}

	private void prune(ArrayDeque<Long> times, long now) {
		while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
			times.pollFirst();
		}
	}

	// At most once per window, so the cost stays off the common path.
	private void sweepIdleWindows(long now) {
		if (now - sweptAt < windowNanos) {
			return;
		}
		sweptAt = now;
		for (Iterator<ArrayDeque<Long>> it = admitted.values().iterator(); it.hasNext();) {
			ArrayDeque<Long> times = it.next();
			prune(times, now);
			if (times.isEmpty()) {
				it.remove();
			}
		}
	}

	private record Window(Kind kind, int limit, String key) {
	}

}
