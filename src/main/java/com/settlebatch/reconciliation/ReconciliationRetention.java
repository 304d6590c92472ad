package com.settlebatch.reconciliation;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import com.settlebatch.retention.RetentionPurge;

/**
 * Reconciliation's rows under retention. A date's results (its runs, their counts, every
 * exception with who resolved it and why) are the proof that the date's payments were
 * checked against the gateway: they go into the date's archive beside its payments and
 * leave the database with them. Open exceptions never get that far: they hold the date
 * ({@link OpenExceptionsHold}). Staged charges of runs that will never read them again
 * are purged.
 */
@Component
class ReconciliationRetention implements RetentionPurge {

	private static final List<DateRows> RESULTS = List.of(new DateRows("reconciliation_run", """
			SELECT * FROM reconciliation_run WHERE business_date = :date
			ORDER BY execution_id"""), new DateRows("reconciliation_count", """
			SELECT c.* FROM reconciliation_count c
			JOIN reconciliation_run r ON r.execution_id = c.execution_id
			WHERE r.business_date = :date
			ORDER BY c.execution_id, c.category"""), new DateRows("reconciliation_exception", """
			SELECT * FROM reconciliation_exception WHERE business_date = :date
			ORDER BY id"""));

	private final ReconciliationResults results;

	private final StagedCharges staged;

	ReconciliationRetention(ReconciliationResults results, StagedCharges staged) {
		this.results = results;
		this.staged = staged;
	}

	@Override
	public List<DateRows> archivedWithDate() {
		return RESULTS;
	}

	@Override
	public int removeArchived(LocalDate date, int limit) {
		return results.removeArchived(date, limit);
	}

	/** A run still loading may be a day long at most; one older than that died. */
	@Override
	public int purge(LocalDateTime asOf, int limit) {
		return staged.discardStale(asOf.minusDays(1), limit);
	}

	@Override
	public long purgeable(LocalDateTime asOf) {
		return staged.staleRows(asOf.minusDays(1));
	}

}
