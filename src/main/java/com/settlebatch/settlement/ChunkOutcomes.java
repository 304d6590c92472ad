package com.settlebatch.settlement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.settlebatch.gateway.CallOutcome;
import com.settlebatch.gateway.CallOutcome.Kind;

/**
 * What the gateway said about each payment of the current chunk. Spring Batch 6 calls the
 * writer again for a retry and again item by item when it scans a chunk after a skip; with this
 * memory those calls reuse final answers instead of asking the gateway again, and only the
 * payments whose last answer was retryable are resent. Cleared at every chunk boundary.
 */
class ChunkOutcomes {

	/** The latest answer for a payment, how many times it was sent, and whether retrying is over. */
	record Tracked(CallOutcome last, int attempts, boolean exhausted) {

		boolean isFinal() {
			return last.kind() != Kind.RETRYABLE || exhausted;
		}

	}

	private final Map<String, Tracked> byPayment = new HashMap<>();

	private int retriedCalls;

	void clear() {
		byPayment.clear();
	}

	boolean isFinal(String paymentId) {
		Tracked tracked = byPayment.get(paymentId);
		return tracked != null && tracked.isFinal();
	}

	void record(List<CallOutcome> outcomes) {
		for (CallOutcome outcome : outcomes) {
			Tracked previous = byPayment.get(outcome.paymentId());
			if (previous != null) {
				retriedCalls++;
			}
			byPayment.put(outcome.paymentId(), new Tracked(outcome, previous == null ? 1 : previous.attempts() + 1, false));
		}
	}

	Tracked get(String paymentId) {
		return byPayment.get(paymentId);
	}

	/** The retry policy gave up: every payment still waiting on a retryable answer is now final (FAILED). */
	void exhaustRetryable() {
		byPayment.replaceAll((id, tracked) -> tracked.last().kind() == Kind.RETRYABLE
				? new Tracked(tracked.last(), tracked.attempts(), true) : tracked);
	}

	/** Calls resent with the same key since the step started (survives {@link #clear()}). */
	int retriedCalls() {
		return retriedCalls;
	}

}
