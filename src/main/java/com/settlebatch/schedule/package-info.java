/**
 * The nightly settlement: the cron schedule, and the catch-up that recovers or restarts a
 * date whose run was lost, under the date's lease so that one node settles it. Each
 * launch is a row of the {@code audit} trail, as the scheduler's own action.
 */
package com.settlebatch.schedule;
