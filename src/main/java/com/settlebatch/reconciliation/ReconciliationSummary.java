package com.settlebatch.reconciliation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A run's answer for its date, as {@code settle reconcile --json} and
 * {@code GET /reconciliations?date=} give it.
 *
 * @param source {@code gateway} (its list API) or the report file's name
 * @param counts every category's count, zeros included
 * @param exceptions every exception of the run, resolved ones too
 */
public record ReconciliationSummary(LocalDate businessDate, long executionId, String source, long payments,
		long charges, OffsetDateTime finishedAt, Map<String, Long> counts, List<ExceptionEntry> exceptions) {

	/** Whether everything matched: no exception at all, resolved or not. */
	public boolean allMatched() {
		return exceptions.isEmpty();
	}

	public long openExceptions() {
		return exceptions.stream().filter(ExceptionEntry::open).count();
	}

}
