/**
 * The nightly settlement: the cron schedule, and the catch-up that recovers or restarts a
 * date whose run was lost, under the date's lease so that one node settles it.
 */
package com.settlebatch.schedule;
