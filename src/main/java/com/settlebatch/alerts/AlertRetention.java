package com.settlebatch.alerts;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

import com.settlebatch.retention.RetentionPurge;

/**
 * The alert outbox under retention: an event whose every delivery ended (delivered, given
 * up or its endpoint gone) goes once it is older than {@code settle.alerts.keep}; an
 * event with a delivery still pending is never removed. Nothing else waits on an alert:
 * its body was fixed when it was recorded. The disabled endpoints are configuration and
 * stay.
 */
@Component
class AlertRetention implements RetentionPurge {

	private final AlertStore store;

	private final AlertProperties properties;

	AlertRetention(AlertStore store, AlertProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	@Override
	public int purge(LocalDateTime asOf, int limit) {
		return store.removeEnded(cutoff(asOf), limit);
	}

	@Override
	public long purgeable(LocalDateTime asOf) {
		return store.countEnded(cutoff(asOf));
	}

	/** {@code asOf} is the retention run's local instant, as its other cutoffs are. */
	private OffsetDateTime cutoff(LocalDateTime asOf) {
		return asOf.minus(properties.keep()).atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

}
