/**
 * Operating jobs: start, settle a business date under its lease, restart, stop, abandon
 * and recover executions ({@link com.settlebatch.ops.JobControl}), refusing what would be
 * unsafe with a {@link com.settlebatch.refusal.RefusedException}. Used by every entry
 * point (command line, API, scheduler, drop folder, inbox poller).
 */
package com.settlebatch.ops;
