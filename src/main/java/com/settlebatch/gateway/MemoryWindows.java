package com.settlebatch.gateway;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sliding windows of this process only: right for one node (the embedded H2
 * database), and the fallback for {@code settle.gateway.throttle.windows: memory}. Time
 * is the process's monotonic clock, like the gateway's own window.
 */
final class MemoryWindows implements WindowStore {

	private final long spanNanos;

	private final SlidingWindowRateLimiter.TimeSource time;

	/** Per scope key; guarded by this. */
	private final Map<String, Lane> lanes = new HashMap<>();

	/** Requests finished so far; guarded by this. */
	private long finishes;

	/**
	 * When idle lanes were last dropped, so that accounts paid once do not stay forever.
	 * Guarded by this.
	 */
	private long sweptAt;

	/**
	 * @param spanNanos the window plus the margin for clock drift
	 */
	MemoryWindows(long spanNanos, SlidingWindowRateLimiter.TimeSource time) {
		this.spanNanos = spanNanos;
		this.time = time;
		this.sweptAt = time.nanoTime();
	}

	@Override
	public synchronized Attempt tryTake(List<Scope> scopes) {
		long now = time.nanoTime();
		sweepIdleLanes(now);
		long waitNanos = 0;
		String blockedBy = null;
		for (Scope scope : scopes) {
			Lane lane = lanes.computeIfAbsent(scope.key(), key -> new Lane());
			lane.prune(now);
			if (lane.inFlight + lane.finished.size() >= scope.limit()) {
				// With no finished request in the window, no time can be told until one
				// finishes.
				long wait = lane.finished.isEmpty() ? Attempt.WAIT_FOR_A_FINISH
						: Math.max(1, lane.finished.peekFirst() + spanNanos - now);
				if (blockedBy == null || wait == Attempt.WAIT_FOR_A_FINISH
						|| (waitNanos != Attempt.WAIT_FOR_A_FINISH && wait > waitNanos)) {
					waitNanos = wait;
					blockedBy = scope.key();
				}
			}
		}
		if (blockedBy != null) {
			return Attempt.waitFor(waitNanos, blockedBy, finishes);
		}
		List<Lane> taken = scopes.stream().map(scope -> lanes.get(scope.key())).toList();
		taken.forEach(lane -> lane.inFlight++);
		return Attempt.taken(() -> finish(taken));
	}

	private synchronized void finish(List<Lane> taken) {
		long now = time.nanoTime();
		for (Lane lane : taken) {
			lane.inFlight--;
			lane.finished.addLast(now);
		}
		finishes++;
		notifyAll();
	}

	@Override
	public synchronized void awaitAFinish(long finishesSeen, long maxNanos) throws InterruptedException {
		long start = System.nanoTime();
		while (finishes == finishesSeen) {
			long left = maxNanos - (System.nanoTime() - start);
			if (left <= 0) {
				return;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
	}

	@Override
	public String describe() {
		return "in this process only";
	}

	// At most once per window, so the cost stays off the common path. A lane in use is
	// never dropped:
	// its requests in flight and finished in the window are what the next permit is
	// counted against.
	private void sweepIdleLanes(long now) {
		if (now - sweptAt < spanNanos) {
			return;
		}
		sweptAt = now;
		for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext();) {
			Lane lane = it.next();
			lane.prune(now);
			if (lane.inFlight == 0 && lane.finished.isEmpty()) {
				it.remove();
			}
		}
	}

	/** One window's requests; guarded by the enclosing store. */
	private final class Lane {

		/** When each finished request still inside the window ended, oldest first. */
		private final ArrayDeque<Long> finished = new ArrayDeque<>();

		/** Requests sent and not finished; they hold their slot until they finish. */
		private int inFlight;

		private void prune(long now) {
			while (!finished.isEmpty() && now - finished.peekFirst() >= spanNanos) {
				finished.pollFirst();
			}
		}

	}

}
