/**
 * Reconciliation (issue 17, section 1): the job {@code reconciliation} proves a business
 * date's payments against what the gateway charged, from its list of charges
 * ({@code gateway}'s {@code ChargeListClient}) or from a report file it delivered, and
 * stores each exception with both sides' values until a person resolves it. Reads the
 * {@code payment} and {@code payment_batch} tables and never writes them; owns the
 * {@code reconciliation_*} tables, whose results of a retained date go into the date's
 * archive and whose stale staging is purged through {@code retention}'s
 * {@code RetentionPurge}. Launches through {@code ops}, finds the drop folder through
 * {@code ingest}; the command line, the scheduler, {@code settle run} and the dashboard
 * call it, never the other way round.
 */
package com.settlebatch.reconciliation;
