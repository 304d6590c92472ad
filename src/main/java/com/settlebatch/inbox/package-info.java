/**
 * The inbox table {@code payment_inbox}, which other systems fill: claimed by one run at
 * a time and imported by its own job, with the import's rules and writer
 * ({@code ingest}). The poller's runs are rows of the {@code audit} trail.
 */
package com.settlebatch.inbox;
