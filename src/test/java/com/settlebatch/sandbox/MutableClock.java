package com.settlebatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, for time-based rules without sleeping. */
final class MutableClock extends Clock {

	Instant now = Instant.parse("2025-11-21T00:00:00Z");

	void advance(Duration by) {
		now = now.plus(by);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return now;
	}

}
