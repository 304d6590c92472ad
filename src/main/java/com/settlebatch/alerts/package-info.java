/**
 * Alerts: what went wrong in a night reaches people. Events (a run failed or stopped, a
 * completed run left payments to a person, the nightly run missed its deadlines, a run
 * waits for a worker, reconciliation exceptions through {@link Alerts#record}) are
 * written to the {@code alert_event} outbox in the transaction that causes them, and
 * delivered at least once per channel (a Standard Webhooks endpoint, e-mail) by a loop
 * that any node runs. Reads the job repository, {@code batches}' tables and the gateway's
 * codes of an unknown outcome; uses {@code ops}' schedule and {@code settlement}'s job
 * name; listens to {@code reconciliation}'s finished runs; hands its ended events to
 * {@code retention} ({@code RetentionPurge}). Nothing below the command line, the API and
 * the dashboard depends on it.
 */
package com.settlebatch.alerts;
