package com.settlebatch.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Published inside the transaction that stores a reconciliation run's result, so a
 * listener that records it (an alerts outbox) commits or rolls back with it.
 *
 * @param counts every category's count, zeros included, by its name
 * @param openExceptionIds the run's exceptions nobody has resolved (earlier resolutions
 * of the same finding carry over)
 */
public record ReconciliationFinished(LocalDate businessDate, long executionId, Map<String, Long> counts,
		List<Long> openExceptionIds) {
}
