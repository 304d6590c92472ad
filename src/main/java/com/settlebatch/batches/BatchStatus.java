package com.settlebatch.batches;

import java.util.Set;

/**
 * Batch lifecycle (6DOT50 status codes): DRAFT → SUBMITTED → PROCESSING → CLOSED,
 * DRAFT/SUBMITTED → CANCELLED.
 */
public enum BatchStatus {

	DRAFT("Editable: payments can be added, changed, removed"), SUBMITTED("Queued for the next settlement run"),
	PROCESSING("Claimed by a settlement run"), CLOSED("Every payment is final; batchnum assigned"),
	CANCELLED("Cancelled before settlement");

	private final String description;

	BatchStatus(String description) {
		this.description = description;
	}

	public String description() {
		return description;
	}

	public boolean canMoveTo(BatchStatus next) {
		return switch (this) {
			case DRAFT -> Set.of(SUBMITTED, CANCELLED).contains(next);
			case SUBMITTED -> Set.of(PROCESSING, CANCELLED).contains(next);
			case PROCESSING -> next == CLOSED;
			case CLOSED, CANCELLED -> false;
		};
	}

}
