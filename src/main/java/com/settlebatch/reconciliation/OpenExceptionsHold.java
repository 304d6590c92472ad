package com.settlebatch.reconciliation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.retention.RetentionHold;

/**
 * Retention keeps a date's batches and payments while the date's latest reconciliation
 * still has an exception nobody resolved: the person who resolves it needs the payment to
 * look at. An exception of an earlier run that the latest run no longer finds holds
 * nothing.
 */
@Component
class OpenExceptionsHold implements RetentionHold {

	private final JdbcClient jdbc;

	OpenExceptionsHold(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<LocalDate> heldDates(Collection<LocalDate> candidates) {
		if (candidates.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				SELECT DISTINCT e.business_date
				FROM reconciliation_exception e
				WHERE e.business_date IN (:dates) AND e.resolved_at IS NULL
				  AND e.execution_id = (SELECT MAX(r.execution_id) FROM reconciliation_run r
				                        WHERE r.business_date = e.business_date)""")
			.param("dates", candidates)
			.query(LocalDate.class)
			.list());
	}

}
