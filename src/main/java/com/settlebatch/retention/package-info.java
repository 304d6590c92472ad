/**
 * Retention: the {@code retention} job archives the closed batches of old business dates
 * (gzip CSV per table and date, a manifest with counts, per-currency sums and SHA-256),
 * verifies the archive, and only then removes their rows in small transactions; it prunes
 * Spring Batch's metadata of finished runs, leftover work rows, throttle slots and
 * partition leases. Keeps {@code settled_date} so that a pruned date stays settled, and
 * reads an archive back ({@link com.settlebatch.retention.ArchiveReader}). Other packages
 * keep rows from it through {@link com.settlebatch.retention.RetentionHold} beans and
 * hand it their own rows (archived with a date, or purged) through
 * {@link com.settlebatch.retention.RetentionPurge} beans. Writes payments and batches
 * only through {@code batches}; uses {@code settlement}'s job name, {@code cluster}'s
 * leases and {@code executions}' listeners; launched by the command line and the
 * scheduler.
 */
package com.settlebatch.retention;
