package com.settlebatch.settlement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.settlebatch.gateway.CallOutcome;
import com.settlebatch.gateway.CallOutcome.Kind;

/**
 * What the gateway said about each payment of the current chunk. Spring Batch 6 calls the
 * writer again for a retry and again item by item when it scans a chunk after a skip;
 * with this memory those calls reuse final answers instead of asking the gateway again,
 * and only the payments whose last answer was retryable are resent. Cleared when a chunk
 * of new payments begins.
 */
class ChunkOutcomes {

	/**
	 * The latest answer for a payment, how many times it was sent, whether retrying is
	 * over, whether some attempt got no HTTP answer at all (so it may have been charged),
	 * and whether the gateway was already asked about the key.
	 */
	record Tracked(CallOutcome last, int attempts, boolean exhausted, boolean ambiguous, boolean reconciled) {

		/**
		 * Retries are over, but an unanswered attempt may have charged: ask before
		 * calling it FAILED.
		 */
		boolean needsLookup() {
			return exhausted && ambiguous && !reconciled && last.kind() == Kind.RETRYABLE;
		}

		boolean isFinal() {
			return last.kind() != Kind.RETRYABLE || exhausted;
		}

	}

	private final Map<String, Tracked> byPayment = new HashMap<>();

	private int retriedCalls;

	private boolean interrupted;

	void clear() {
		byPayment.clear();
	}

	/** Whether every one of these payments has an answer in this memory. */
	boolean knowsAll(List<String> paymentIds) {
		return !paymentIds.isEmpty() && byPayment.keySet().containsAll(paymentIds);
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
			boolean unanswered = outcome.mayHaveCharged();
			byPayment.put(outcome.paymentId(), new Tracked(outcome, previous == null ? 1 : previous.attempts() + 1,
					false, unanswered || previous != null && previous.ambiguous(), false));
		}
	}

	/**
	 * What a lookup by key found; not an attempt, so the count stays. A found answer (or
	 * the gateway's word that it holds none) is final. A failed lookup is retried like a
	 * send, unless retrying is already over, in which case the payment stays FAILED with
	 * its last send's answer.
	 */
	void reconcile(CallOutcome found, boolean retriesOver) {
		Tracked previous = byPayment.get(found.paymentId());
		int attempts = previous == null ? 0 : previous.attempts();
		boolean ambiguous = previous != null && previous.ambiguous();
		if (found.kind() != Kind.RETRYABLE || !retriesOver || previous == null) {
			byPayment.put(found.paymentId(), new Tracked(found, attempts, false, ambiguous, true));
		}
		else {
			CallOutcome last = previous.last();
			CallOutcome unknown = CallOutcome.unknown(found.paymentId(), last.httpStatus(), CallOutcome.OUTCOME_UNKNOWN,
					"no answer to an attempt, then the lookup by key failed too (" + found.errorCode()
							+ "): the gateway may have charged it; reconcile before resubmitting",
					last.correlationId());
			byPayment.put(found.paymentId(), new Tracked(unknown, attempts, true, ambiguous, true));
		}
	}

	Tracked get(String paymentId) {
		return byPayment.get(paymentId);
	}

	/** This payment's outcome is final as it stands: no retry could change it. */
	void exhaust(String paymentId) {
		byPayment.computeIfPresent(paymentId, (id, tracked) -> new Tracked(tracked.last(), tracked.attempts(), true,
				tracked.ambiguous(), tracked.reconciled()));
	}

	/**
	 * The retry policy gave up: every payment still waiting on a retryable answer is now
	 * final (FAILED).
	 */
	void exhaustRetryable() {
		byPayment.replaceAll((id, tracked) -> tracked.last().kind() == Kind.RETRYABLE
				? new Tracked(tracked.last(), tracked.attempts(), true, tracked.ambiguous(), tracked.reconciled())
				: tracked);
	}

	void interrupt() {
		interrupted = true;
	}

	boolean interrupted() {
		return interrupted;
	}

	/**
	 * Calls resent with the same key since the step started (survives {@link #clear()}).
	 */
	int retriedCalls() {
		return retriedCalls;
	}

}
