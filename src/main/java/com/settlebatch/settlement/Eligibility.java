package com.settlebatch.settlement;

/**
 * Which PENDING payments of a run may be sent now: the parent (if any) has SETTLED, and in a
 * {@code processInSequence} batch no earlier payment is still PENDING. Shared by the reader and
 * by the decider that loops the settle step until nothing eligible is left.
 */
final class Eligibility {

	static final String CLAIMED = "payment.status = 'PENDING' AND payment.batch_id IN (SELECT b.id FROM payment_batch b "
			+ "WHERE b.status = 'PROCESSING' AND b.business_date = :businessDate)";

	static final String ELIGIBLE = CLAIMED
			+ " AND (payment.depends_on IS NULL OR EXISTS (SELECT 1 FROM payment parent WHERE parent.batch_id = payment.batch_id"
			+ " AND parent.reference_id = payment.depends_on AND parent.status = 'SETTLED'))"
			+ " AND NOT EXISTS (SELECT 1 FROM payment earlier JOIN payment_batch sb ON sb.id = earlier.batch_id"
			+ " WHERE sb.process_in_sequence AND earlier.batch_id = payment.batch_id AND earlier.status = 'PENDING'"
			+ " AND (earlier.seq < payment.seq OR (earlier.seq = payment.seq AND earlier.id < payment.id)))";

	private Eligibility() {
	}

}
