/**
 * Reconciliation (issue 17, section 1): the job {@code reconciliation} proves a business
 * date's payments against what the gateway charged, from its list of charges
 * ({@code gateway}'s {@code ChargeListClient}) or from a report file it delivered, and
 * stores each exception with both sides' values until a person resolves it. Reads the
 * {@code payment} and {@code payment_batch} tables and never writes them; owns the
 * {@code reconciliation_*} tables. Launches through {@code ops}, finds the drop folder
 * through {@code ingest}; the command line, the scheduler, {@code settle run} and the
 * dashboard call it, never the other way round.
 */
package com.settlebatch.reconciliation;
