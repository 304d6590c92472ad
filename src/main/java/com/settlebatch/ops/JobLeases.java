package com.settlebatch.ops;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide leases on job launches (table {@code job_lease}). Each statement runs on its own
 * (auto-commit): a lost race is a zero-row UPDATE or a duplicate-key INSERT, never a poisoned
 * transaction. Re-entrant for the holder: a scheduler holding a date's lease may launch through
 * {@link JobControl}, which takes it again.
 */
@Component
public class JobLeases {

	private final JdbcClient jdbc;

	private final Clock clock;

	/** Names this node in the table: host and process, plus a random part for two contexts in one JVM. */
	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
			+ UUID.randomUUID().toString().substring(0, 8);

	private final ConcurrentHashMap<String, Local> local = new ConcurrentHashMap<>();

	JobLeases(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @return whether this node now holds the lease until {@code now + ttl} */
	public boolean tryAcquire(String key, Duration ttl) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int taken = jdbc.sql("UPDATE job_lease SET owner = ?, locked_until = ? WHERE lease_key = ? "
				+ "AND (locked_until < ? OR owner = ?)")
			.params(owner, now.plus(ttl), key, now, owner)
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

	/**
	 * Takes the lease and keeps it alive (renewed every third of {@code ttl}) until closed, so a
	 * run longer than the lease is never taken for dead while its process lives.
	 * @return the held lease, or null when another process holds it
	 */
	public Held hold(String key, Duration ttl) {
		Thread me = Thread.currentThread();
		Local held = local.putIfAbsent(key, new Local(me, 1));
		if (held != null) {
			if (held.thread() != me) {
				// Another thread of this process runs it: the table would let us in (same owner), so say no here.
				return null;
			}
			local.put(key, new Local(me, held.depth() + 1));
			return new Held(key, null);
		}
		if (!tryAcquire(key, ttl)) {
			local.remove(key);
			return null;
		}
		ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "lease-" + key);
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, ttl.toMillis() / 3);
		heartbeat.scheduleAtFixedRate(() -> renew(key, ttl), period, period, TimeUnit.MILLISECONDS);
		return new Held(key, heartbeat);
	}

	/** Which thread of this process holds a key, and how many nested holds it has taken. */
	private record Local(Thread thread, int depth) {
	}

	/** A lease kept alive until {@link #close()}; a nested hold only counts down. */
	public final class Held implements AutoCloseable {

		private final String key;

		private final ScheduledExecutorService heartbeat;

		private Held(String key, ScheduledExecutorService heartbeat) {
			this.key = key;
			this.heartbeat = heartbeat;
		}

		@Override
		public void close() {
			Local held = local.get(key);
			if (held != null && held.depth() > 1) {
				local.put(key, new Local(held.thread(), held.depth() - 1));
				return;
			}
			heartbeat.shutdownNow();
			local.remove(key);
			release(key);
		}

	}

	private void renew(String key, Duration ttl) {
		jdbc.sql("UPDATE job_lease SET locked_until = ? WHERE lease_key = ? AND owner = ?")
			.params(OffsetDateTime.now(clock).plus(ttl), key, owner)
			.update();
	}

	/** Who holds a lease, as far as this node can tell. */
	public enum Holder {

		/** Nobody: no lease, or one its holder stopped renewing (expired). */
		NONE,

		/** This process. */
		THIS_PROCESS,

		/** A process of this host that no longer exists (killed): its lease has not expired yet. */
		GONE,

		/** A live process of this host, or a process of another host whose lease is still renewed. */
		ALIVE

	}

	/** A lease as it stands: its holder's state, its owner's name and until when it is held. */
	public record LeaseState(Holder holder, String owner, OffsetDateTime lockedUntil) {
	}

	/**
	 * Answers "is whoever holds this lease alive?" once for every caller: a lease that is renewed
	 * belongs to a live process, unless that process is of this host and gone (a kill -9 stops the
	 * renewals, but the lease runs until it expires). Of another host only the expiry can tell.
	 */
	public LeaseState state(String key) {
		return jdbc.sql("SELECT owner, locked_until FROM job_lease WHERE lease_key = ?")
			.param(key)
			.query((rs, n) -> new LeaseState(null, rs.getString("owner"), rs.getObject("locked_until", OffsetDateTime.class)))
			.optional()
			.filter(lease -> !lease.lockedUntil().isBefore(OffsetDateTime.now(clock)))
			.map(lease -> new LeaseState(holderOf(lease.owner()), lease.owner(), lease.lockedUntil()))
			.orElse(new LeaseState(Holder.NONE, null, null));
	}

	private Holder holderOf(String leaseOwner) {
		if (owner.equals(leaseOwner)) {
			return Holder.THIS_PROCESS;
		}
		// "pid@host/random", as this class names owners
		String process = leaseOwner.contains("/") ? leaseOwner.substring(0, leaseOwner.indexOf('/')) : leaseOwner;
		int at = process.indexOf('@');
		String thisHost = owner.substring(owner.indexOf('@') + 1, owner.indexOf('/'));
		if (at < 1 || !process.substring(at + 1).equals(thisHost)) {
			return Holder.ALIVE;
		}
		try {
			long pid = Long.parseLong(process.substring(0, at));
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Holder.ALIVE : Holder.GONE;
		}
		catch (NumberFormatException notAPid) {
			return Holder.ALIVE;
		}
	}

	/**
	 * Frees a lease whoever holds it. For an operator who states that its holder is dead
	 * ({@code settle recover}): the dead cannot renew it, and waiting for it to expire helps nobody.
	 */
	public void forceRelease(String key) {
		jdbc.sql("DELETE FROM job_lease WHERE lease_key = ?").param(key).update();
	}

	public void release(String key) {
		jdbc.sql("UPDATE job_lease SET locked_until = ? WHERE lease_key = ? AND owner = ?")
			.params(OffsetDateTime.now(clock).minusNanos(1000), key, owner)
			.update();
	}

}
