/**
 * The audit trail: one append-only {@code audit_event} row per state-changing action and
 * per refused attempt, whoever made it (a person through the REST API or the dashboard, a
 * service account, the CLI's OS user, the scheduler, the file drop, the inbox poller).
 * {@link Audit} is the one class that writes the table; {@link AuditedChanges} runs a
 * change and its row in one transaction; {@link AuditLog} reads it for
 * {@code settle audit} and {@code GET /audit}; {@link AppendOnlyTrigger} keeps H2's table
 * append-only. Uses Spring Security's context only to name the signed-in actor, and no
 * feature package: everybody else may call it.
 */
package com.settlebatch.audit;
