package com.settlebatch.batches;

/**
 * A lifecycle change the batch's current status does not allow, e.g. cancelling a CLOSED
 * batch.
 */
public class IllegalBatchTransitionException extends RuntimeException {

	public IllegalBatchTransitionException(String id, BatchStatus from, BatchStatus to) {
		super("batch " + id + " is " + from + " and cannot become " + to + " (allowed from " + from + ": "
				+ allowed(from) + ")");
	}

	private IllegalBatchTransitionException(String message) {
		super(message);
	}

	/**
	 * Submitting needs something to settle; same kind of refusal as a wrong status, so
	 * callers map it alike.
	 */
	public static IllegalBatchTransitionException emptyBatch(String id) {
		return new IllegalBatchTransitionException(
				"batch " + id + " has no payments: a batch without payments cannot be submitted");
	}

	private static String allowed(BatchStatus from) {
		StringBuilder names = new StringBuilder();
		for (BatchStatus next : BatchStatus.values()) {
			if (from.canMoveTo(next)) {
				names.append(names.isEmpty() ? "" : ", ").append(next);
			}
		}
		return names.isEmpty() ? "nothing, it is final" : names.toString();
	}

}
