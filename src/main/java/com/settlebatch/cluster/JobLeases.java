package com.settlebatch.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide leases on job launches (table {@code job_lease}). Each statement runs on
 * its own (auto-commit): a lost race is a zero-row UPDATE or a duplicate-key INSERT,
 * never a poisoned transaction. Re-entrant for the holder: a scheduler holding a date's
 * lease may launch through {@link JobControl}, which takes it again.
 */
@Component
public class JobLeases {

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * This machine's boot and this process's pid namespace: two processes whose owners
	 * carry the same value see the same pids, so one can tell whether the other still
	 * lives. Null when it cannot be read (not Linux): then nobody is ever judged gone
	 * before the lease expires.
	 */
	private static final String PROCESS_SPACE = processSpace();

	/**
	 * Names this node in the table: {@code pid@host/process-space/random}, the random
	 * part for two contexts in one JVM.
	 */
	private final String owner = ownerName(ProcessHandle.current().pid()) + "/"
			+ UUID.randomUUID().toString().substring(0, 8);

	/**
	 * The owner name of a process of this machine and pid namespace, without the random
	 * part.
	 */
	public static String ownerName(long pid) {
		String name = ManagementFactory.getRuntimeMXBean().getName();
		return pid + name.substring(name.indexOf('@')) + "/" + (PROCESS_SPACE == null ? "unknown" : PROCESS_SPACE);
	}

	private static String processSpace() {
		try {
			String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
			String pids = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
			return boot + ":" + pids.replaceAll("[^0-9]", "");
		}
		catch (IOException | UnsupportedOperationException | SecurityException unreadable) {
			return null;
		}
	}

	private final ConcurrentHashMap<String, Local> local = new ConcurrentHashMap<>();

	/** Prefixed to the owner of a released lease. */
	private static final String RELEASED = "released:";

	JobLeases(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return whether this node now holds the lease until {@code now + ttl}
	 */
	public boolean tryAcquire(String key, Duration ttl) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int taken = jdbc
			.sql("UPDATE job_lease SET owner = ?, locked_until = ? WHERE lease_key = ? "
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
	 * Takes the lease and keeps it alive (renewed every third of {@code ttl}) until
	 * closed, so a run longer than the lease is never taken for dead while its process
	 * lives.
	 * @return the held lease, or null when another process holds it
	 */
	public Held hold(String key, Duration ttl) {
		Thread me = Thread.currentThread();
		Local held = local.putIfAbsent(key, new Local(me, 1));
		if (held != null) {
			if (held.thread() != me) {
				// Another thread of this process runs it: the table would let us in (same
				// owner), so say no here.
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

	/**
	 * Which thread of this process holds a key, and how many nested holds it has taken.
	 */
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
			if (stopHolding()) {
				release(key);
			}
		}

		/**
		 * Gives up a lease whose key is never wanted again once released (a partition's,
		 * named after its step execution): its row is deleted rather than kept, so that
		 * the table does not grow by a row per partition ever run. A missing row reads as
		 * a released one ({@link Holder#NONE}).
		 */
		public void closeForGood() {
			if (stopHolding()) {
				jdbc.sql("DELETE FROM job_lease WHERE lease_key = ? AND owner = ?").params(key, owner).update();
			}
		}

		/** Whether this was the outermost hold, now given up by this process. */
		private boolean stopHolding() {
			Local held = local.get(key);
			if (held != null && held.depth() > 1) {
				local.put(key, new Local(held.thread(), held.depth() - 1));
				return false;
			}
			heartbeat.shutdownNow();
			local.remove(key);
			return true;
		}

	}

	private void renew(String key, Duration ttl) {
		jdbc.sql("UPDATE job_lease SET locked_until = ? WHERE lease_key = ? AND owner = ?")
			.params(OffsetDateTime.now(clock).plus(ttl), key, owner)
			.update();
	}

	/** Who holds a lease, as far as this node can tell. */
	public enum Holder {

		/** Nobody: no lease was ever taken, or it was released. */
		NONE,

		/**
		 * Nobody any more: its holder stopped renewing it (died, or lost the database)
		 * long enough ago.
		 */
		EXPIRED,

		/** This process. */
		THIS_PROCESS,

		/**
		 * A process of this host that no longer exists (killed): its lease has not
		 * expired yet.
		 */
		GONE,

		/**
		 * A live process of this host, or a process of another host whose lease is still
		 * renewed.
		 */
		ALIVE

	}

	/**
	 * A lease as it stands: its holder's state, its owner's name and until when it is
	 * held.
	 */
	public record LeaseState(Holder holder, String owner, OffsetDateTime lockedUntil) {

		/**
		 * The holder as a person knows it ("process 10549 on vm"); the owner's full name
		 * is for the log.
		 */
		public String holderName() {
			return describe(owner);
		}

	}

	/**
	 * An owner name ({@code pid@host/process-space/random}) as a person knows the
	 * process: its pid and host; the rest only tells this product's processes apart.
	 */
	public static String describe(String owner) {
		if (owner == null) {
			return "no process";
		}
		String name = owner.startsWith(RELEASED) ? owner.substring(RELEASED.length()) : owner;
		int at = name.indexOf('@');
		int slash = name.indexOf('/', at + 1);
		if (at <= 0 || slash < 0) {
			return "process " + name;
		}
		return "process " + name.substring(0, at) + " on " + name.substring(at + 1, slash);
	}

	private record Row(String owner, OffsetDateTime lockedUntil) {
	}

	/**
	 * Answers "is whoever holds this lease alive?" once for every caller (the date's run
	 * for {@code settle recover}, a partition's worker for the manager's watchdog): a
	 * lease that is renewed belongs to a live process, unless that process is of this
	 * host and gone (a kill -9 stops the renewals, but the lease runs until it expires).
	 * Of another host only the expiry can tell. A released lease reads as NONE, like one
	 * never taken.
	 */
	public LeaseState state(String key) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("SELECT owner, locked_until FROM job_lease WHERE lease_key = ?")
			.param(key)
			.query((rs, n) -> new Row(rs.getString("owner"), rs.getObject("locked_until", OffsetDateTime.class)))
			.optional()
			.map(row -> new LeaseState(row.lockedUntil().isBefore(now) ? expiredOrReleased(row) : holderOf(row.owner()),
					row.owner(), row.lockedUntil()))
			.orElse(new LeaseState(Holder.NONE, null, null));
	}

	/**
	 * {@link #release} leaves the row with {@code locked_until} just before its release
	 * time.
	 */
	private static Holder expiredOrReleased(Row row) {
		return row.owner().startsWith(RELEASED) ? Holder.NONE : Holder.EXPIRED;
	}

	/**
	 * Gone only when provably so: the owner shares this process's machine boot and pid
	 * namespace and its pid is not alive. A host name alone proves nothing (cloned
	 * machines, containers), and a reused pid only makes a dead holder look alive until
	 * its lease expires: the safe side.
	 */
	private Holder holderOf(String leaseOwner) {
		if (owner.equals(leaseOwner)) {
			return Holder.THIS_PROCESS;
		}
		String[] parts = leaseOwner.split("/");
		if (PROCESS_SPACE == null || parts.length != 3 || !parts[1].equals(PROCESS_SPACE)) {
			return Holder.ALIVE;
		}
		try {
			long pid = Long.parseLong(parts[0].substring(0, parts[0].indexOf('@')));
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Holder.ALIVE : Holder.GONE;
		}
		catch (NumberFormatException | StringIndexOutOfBoundsException notAnOwnerOfOurs) {
			return Holder.ALIVE;
		}
	}

	/**
	 * Frees a lease held by a process that is gone ({@code settle recover}): the dead
	 * cannot renew it, and waiting for it to expire helps nobody. Only while that owner
	 * still holds it: a node that took the lease since keeps it.
	 */
	public void releaseGone(String key, String goneOwner) {
		jdbc.sql("DELETE FROM job_lease WHERE lease_key = ? AND owner = ?").params(key, goneOwner).update();
	}

	/**
	 * Deletes the leases among {@code keys} that nobody holds any more (released, or
	 * expired with their holder gone): for keys never taken again, such as the partitions
	 * of a pass that has ended. A lease still renewed is left alone.
	 */
	public void prune(Collection<String> keys) {
		if (keys.isEmpty()) {
			return;
		}
		jdbc.sql("DELETE FROM job_lease WHERE lease_key IN (:keys) AND (owner LIKE :released OR locked_until < :now)")
			.param("keys", keys)
			.param("released", RELEASED + "%")
			.param("now", OffsetDateTime.now(clock))
			.update();
	}

	/**
	 * Gives the lease up: the row stays (the next holder updates it), marked released so
	 * that nobody takes a finished holder for a dead one.
	 */
	public void release(String key) {
		jdbc.sql("UPDATE job_lease SET owner = ?, locked_until = ? WHERE lease_key = ? AND owner = ?")
			.params(RELEASED + owner, OffsetDateTime.now(clock).minusNanos(1000), key, owner)
			.update();
	}

}
