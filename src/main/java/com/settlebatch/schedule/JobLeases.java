package com.settlebatch.schedule;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide leases on job launches (table {@code job_lease}). Each statement runs on its own
 * (auto-commit): a lost race is a zero-row UPDATE or a duplicate-key INSERT, never a poisoned
 * transaction.
 */
@Component
public class JobLeases {

	private final JdbcClient jdbc;

	private final Clock clock;

	/** Names this node in the table: host and process, plus a random part for two contexts in one JVM. */
	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
			+ UUID.randomUUID().toString().substring(0, 8);

	JobLeases(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @return whether this node now holds the lease until {@code now + ttl} */
	public boolean tryAcquire(String key, Duration ttl) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int taken = jdbc.sql("UPDATE job_lease SET owner = ?, locked_until = ? WHERE lease_key = ? AND locked_until < ?")
			.params(owner, now.plus(ttl), key, now)
			.update();
		if (taken == 1) {
			return true;
		}
		try {
			jdbc.sql("INSERT INTO job_lease (lease_key, owner, locked_until) VALUES (?, ?, ?)")
				.params(key, owner, now.plus(ttl))
				.update();
			return true;
		}
		catch (DuplicateKeyException held) {
			return false;
		}
	}

	public void release(String key) {
		jdbc.sql("UPDATE job_lease SET locked_until = ? WHERE lease_key = ? AND owner = ?")
			.params(OffsetDateTime.now(clock).minusNanos(1000), key, owner)
			.update();
	}

	String owner() {
		return owner;
	}

}
