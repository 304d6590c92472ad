package com.settlebatch.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The provider's rate limit: at most {@code limit} admitted requests per endpoint within any window
 * of the given length. Rejected requests do not count, so a client backing off is not punished.
 */
final class SlidingWindowThrottle {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final int limit;
	private final long windowNanos;
	private final LongSupplier nanoTime;
	private final ConcurrentHashMap<String, ArrayDeque<Long>> admitted = new ConcurrentHashMap<>();

	SlidingWindowThrottle(int limit, Duration window) {
		this(limit, window, System::nanoTime);
	}

	SlidingWindowThrottle(int limit, Duration window, LongSupplier nanoTime) {
		this.limit = limit;
		this.windowNanos = window.toNanos();
		this.nanoTime = nanoTime;
	}

	/** @return 0 when the request is admitted, otherwise whole seconds (at least 1) until a slot frees */
	long tryAcquire(String endpoint) {
		if (limit <= 0) {
			return 0;
		}
		ArrayDeque<Long> window = admitted.computeIfAbsent(endpoint, path -> new ArrayDeque<>());
		synchronized (window) {
			long now = nanoTime.getAsLong();
			while (!window.isEmpty() && now - window.peekFirst() >= windowNanos) {
				window.pollFirst();
			}
			if (window.size() < limit) {
				window.addLast(now);
				return 0;
			}
			long waitNanos = window.peekFirst() + windowNanos - now;
			return Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
		}
	}
}
