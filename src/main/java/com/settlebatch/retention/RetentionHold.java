package com.settlebatch.retention;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * The extension point through which other packages keep rows from retention: every bean
 * of this type is asked before a date is archived and before a job instance's metadata is
 * pruned. One per owning package (an open reconciliation exception holds its date), each
 * a few lines of SQL on its own tables. Rows a package removes itself go through
 * {@link RetentionPurge}.
 */
public interface RetentionHold {

	/** Of these business dates, the ones whose batches and payments must stay. */
	default Set<LocalDate> heldDates(Collection<LocalDate> candidates) {
		return Set.of();
	}

	/** Of these job instance ids, the ones whose metadata must stay. */
	default Set<Long> heldJobInstances(Collection<Long> candidates) {
		return Set.of();
	}

}
