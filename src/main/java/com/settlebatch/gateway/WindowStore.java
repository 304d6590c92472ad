package com.settlebatch.gateway;

import java.util.List;

/**
 * Where the client's sliding windows are kept: in this process ({@link MemoryWindows}) or
 * in the database every node shares ({@link DatabaseWindows}). Either takes a slot in all
 * of a request's windows at once or in none, so a request never holds one throttle's slot
 * while it waits for another's.
 */
interface WindowStore {

	/**
	 * A slot in every scope's window if each has room; otherwise how long to wait before
	 * asking again.
	 * @param scopes distinct, each with a limit above 0
	 */
	Attempt tryTake(List<Scope> scopes);

	/**
	 * Waits until a request of this process finishes or {@code maxNanos} pass, whichever
	 * is first; used after {@link Attempt#WAIT_FOR_A_FINISH}.
	 * @param finishesSeen {@link Attempt#finishesSeen()} of that attempt, so that a
	 * finish in between is not missed
	 */
	void awaitAFinish(long finishesSeen, long maxNanos) throws InterruptedException;

	/** For the log: where the windows are. */
	String describe();

	/**
	 * One sliding window: {@code app}, {@code endpoint POST /payments},
	 * {@code account acct-1}.
	 *
	 * @param limit requests allowed in any window, above 0
	 */
	record Scope(String key, int limit) {
	}

	/**
	 * @param release when taken: marks the request finished (its slots' place in the
	 * window); else null
	 * @param waitNanos when not taken: how long to wait, or {@link #WAIT_FOR_A_FINISH}
	 * @param blockedBy when not taken: the key of a full window, for the log
	 * @param finishesSeen when not taken: the store's count of finished requests when it
	 * looked
	 */
	record Attempt(Runnable release, long waitNanos, String blockedBy, long finishesSeen) {

		/**
		 * Every slot of a full window is held by a request still in flight: no time can
		 * be told yet.
		 */
		static final long WAIT_FOR_A_FINISH = -1;

		static Attempt taken(Runnable release) {
			return new Attempt(release, 0, null, 0);
		}

		static Attempt waitFor(long nanos, String blockedBy, long finishesSeen) {
			return new Attempt(null, nanos, blockedBy, finishesSeen);
		}

		boolean isTaken() {
			return release != null;
		}

	}

}
