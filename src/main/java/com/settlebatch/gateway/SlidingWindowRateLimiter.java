package com.settlebatch.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of the gateway's rate limit (seed 001, "API Rate Limits"): at most {@code limit} requests
 * per endpoint in any sliding {@code window}, so that the gateway never has to answer
 * THROTTLE_EXCEEDED. One instance per process, shared by every thread that calls the gateway.
 *
 * <p>A permit's place in the window is stamped when its request has <em>finished</em>, not when it
 * was sent. The gateway counts a request when it arrives, and the client only knows that has
 * happened once the answer is back; stamping at send time would let a slow request (a cold
 * connection, a busy gateway) be counted by the gateway later than by us, and the request
 * {@code limit} permits after it would land inside the gateway's window. The margin on top covers
 * the two clocks not running at quite the same rate.
 */
final class SlidingWindowRateLimiter {

	/** Added to the window so clock drift between us and the gateway cannot trip its window. */
	static final Duration MARGIN = Duration.ofMillis(50);

	private static final Logger log = LoggerFactory.getLogger(SlidingWindowRateLimiter.class);

	private final int limit;

	private final long spanNanos;

	private final TimeSource time;

	private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

	SlidingWindowRateLimiter(int limit, Duration window) {
		this(limit, window, TimeSource.SYSTEM);
	}

	SlidingWindowRateLimiter(int limit, Duration window, TimeSource time) {
		if (limit < 0) {
			throw new IllegalArgumentException("throttle limit must be >= 0 (0 = off), was " + limit);
		}
		if (window == null || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("throttle window must be positive, was " + window);
		}
		this.limit = limit;
		this.spanNanos = window.plus(MARGIN).toNanos();
		this.time = time;
	}

	/**
	 * Waits until a request to {@code endpoint} may be sent; waiting threads are served in the order
	 * they asked.
	 * @return the permit: close it once the request has finished, however it ended
	 * @throws Interrupted when interrupted while waiting; the thread's interrupt flag is set again
	 */
	Permit acquire(String endpoint) {
		if (limit == 0) {
			return Permit.NONE;
		}
		Lane lane = lanes.computeIfAbsent(endpoint, path -> new Lane(path));
		try {
			return lane.acquire();
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new Interrupted(endpoint);
		}
	}

	/** One endpoint's budget. */
	private final class Lane {

		private final String endpoint;

		// Fair and held while waiting: permits go out in the order they were asked for, so no
		// thread of a busy node starves while others keep slipping in as slots free up.
		private final ReentrantLock turn = new ReentrantLock(true);

		/** When each finished request still inside the window ended, oldest first; guarded by this. */
		private final ArrayDeque<Long> finished = new ArrayDeque<>();

		/** Requests sent and not finished; they hold their slot until they finish. Guarded by this. */
		private int inFlight;

		Lane(String endpoint) {
			this.endpoint = endpoint;
		}

		Permit acquire() throws InterruptedException {
			turn.lockInterruptibly();
			try {
				long waitNanos;
				while ((waitNanos = tryTake()) != 0) {
					if (waitNanos < 0) {
						awaitAFinish();
					}
					else {
						log.debug("waiting {} ms for a {} permit", TimeUnit.NANOSECONDS.toMillis(waitNanos), endpoint);
						time.sleepNanos(waitNanos);
					}
				}
				return new Permit(this::finish);
			}
			finally {
				turn.unlock();
			}
		}

		/** @return 0 when a permit was taken, nanos until the oldest slot frees, or -1 if every slot is in flight */
		private synchronized long tryTake() {
			long now = time.nanoTime();
			while (!finished.isEmpty() && now - finished.peekFirst() >= spanNanos) {
				finished.pollFirst();
			}
			if (inFlight + finished.size() < limit) {
				inFlight++;
				return 0;
			}
			return finished.isEmpty() ? -1 : Math.max(1, finished.peekFirst() + spanNanos - now);
		}

		private synchronized void awaitAFinish() throws InterruptedException {
			while (finished.isEmpty() && inFlight >= limit) {
				wait();
			}
		}

		private synchronized void finish() {
			inFlight--;
			finished.addLast(time.nanoTime());
			notifyAll();
		}

	}

	/** The right to send one request; closing it more than once is harmless. */
	static final class Permit implements AutoCloseable {

		private static final Permit NONE = new Permit(() -> {
		});

		private Runnable release;

		private Permit(Runnable release) {
			this.release = release;
		}

		@Override
		public void close() {
			Runnable once = release;
			release = null;
			if (once != null) {
				once.run();
			}
		}

	}

	/** Interrupted while waiting for a permit: nothing was sent, so the caller may simply try again. */
	static final class Interrupted extends RuntimeException {

		Interrupted(String endpoint) {
			super("interrupted while waiting for a " + endpoint + " rate-limit permit");
		}

	}

	/** Monotonic time, like the gateway's own window; a seam so tests need not wait for real. */
	interface TimeSource {

		TimeSource SYSTEM = new TimeSource() {

			@Override
			public long nanoTime() {
				return System.nanoTime();
			}

			@Override
			public void sleepNanos(long nanos) throws InterruptedException {
				TimeUnit.NANOSECONDS.sleep(nanos);
			}

		};

		long nanoTime();

		void sleepNanos(long nanos) throws InterruptedException;

	}

}
