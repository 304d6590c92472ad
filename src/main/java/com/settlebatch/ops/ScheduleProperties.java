package com.settlebatch.ops;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.jobs.settlement.schedule.*} from {@code jobs/settlement.yml}. In
 * {@code ops} rather than {@code schedule}: its {@code lease} is held by every launch of
 * a settlement ({@link JobControl}), not only by the scheduler's.
 *
 * @param cron when the nightly run fires (Spring cron, six fields); it settles that day's
 * date
 * @param zone the zone of the cron and of business dates; empty = the system's
 * @param catchUpDays how far back missed or failed dates are looked for at start-up
 * @param lease how long after its holder's last renewal a date's lease counts as
 * abandoned (a run renews it every third of this while its process lives)
 */
@ConfigurationProperties("settle.jobs.settlement.schedule")
public record ScheduleProperties(@DefaultValue("0 30 23 * * *") String cron, @DefaultValue("") String zone,
		@DefaultValue("7") int catchUpDays, @DefaultValue("5m") Duration lease) {

	public ZoneId zoneId() {
		return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
	}

}
