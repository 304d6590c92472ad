package com.settlebatch.gateway;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.sql.Databases;

/**
 * The sliding windows in the database every node shares ({@code gateway_throttle_slot},
 * V12), so that all the processes settling against one gateway keep to the one budget it
 * gives the app.
 *
 * <p>
 * Taking a permit is one short transaction of its own (never the caller's chunk
 * transaction, whose lock would be held until the chunk commits): lock the app's row of
 * {@code gateway_throttle_lock} (every taker of every node queues on it, so counting and
 * inserting are one step cluster-wide), read the database's clock, delete the slots that
 * left the window, count each scope's slots, and insert one slot per scope if every scope
 * has room. The request's slots are inserted "in flight" with a deadline and stamped with
 * the database's clock when the request finishes, like the in-process windows. Every time
 * comes from the database's clock ({@code clock_timestamp()} on PostgreSQL, not the
 * transaction's start): the nodes' own clocks may disagree by seconds, the database's is
 * one clock for all of them. Waiting happens outside any transaction, so no lock is held
 * while a node sleeps.
 *
 * <p>
 * A node killed mid-request never stamps its slots: they count as finished at their
 * deadline (the latest the gateway can have received the request: connect and read
 * time-outs, and the margin), and leave the window a window later. Deleting the slots
 * that left the window on every take keeps the table to about {@code limit} rows per
 * scope in use.
 */
final class DatabaseWindows implements WindowStore {

	/**
	 * How often to look again while every slot of a full window is held by a request in
	 * flight, here or elsewhere.
	 */
	static final Duration POLL = Duration.ofMillis(25);

	private static final Logger log = LoggerFactory.getLogger(DatabaseWindows.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final String appId;

	private final Duration span;

	private final Duration inFlightDeadline;

	/** The database's clock as SQL, read after the lock is held. */
	private final String now;

	private final String database;

	private volatile boolean lockRowExists;

	/**
	 * @param appId the gateway counts per app, so nodes share one budget per app id
	 * @param span how long a finished request counts: the window and the margin
	 * @param inFlightDeadline after this, a slot never stamped (its node died) counts as
	 * finished
	 */
	DatabaseWindows(DataSource dataSource, PlatformTransactionManager transactionManager, String appId, Duration span,
			Duration inFlightDeadline) {
		this.jdbc = JdbcClient.create(dataSource);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.appId = appId;
		this.span = span;
		this.inFlightDeadline = inFlightDeadline;
		this.database = Databases.productName(dataSource);
		// H2 has no clock_timestamp(); its CURRENT_TIMESTAMP may be the transaction's
		// start, which is only ever earlier: a window then counts a little more, never
		// less. H2 is one machine anyway.
		this.now = Databases.isPostgres(database) ? "clock_timestamp()" : "CURRENT_TIMESTAMP";
	}

	@Override
	public Attempt tryTake(List<Scope> scopes) {
		ensureLockRow();
		Attempt attempt = takeUnderTheLock(scopes);
		if (attempt == null) {
			// The lock row went away since this node made sure of it (a restored or
			// cleaned database): made again, then taken as usual.
			lockRowExists = false;
			ensureLockRow();
			attempt = takeUnderTheLock(scopes);
		}
		if (attempt == null) {
			throw new IllegalStateException("the gateway throttle's lock row of this app cannot be kept in "
					+ "gateway_throttle_lock: something deletes it as it is made");
		}
		return attempt;
	}

	/** Null when this app has no lock row. */
	private Attempt takeUnderTheLock(List<Scope> scopes) {
		return ownTransaction.execute(status -> {
			if (jdbc.sql("SELECT app_id FROM gateway_throttle_lock WHERE app_id = ? FOR UPDATE")
				.param(appId)
				.query(String.class)
				.optional()
				.isEmpty()) {
				return null;
			}
			OffsetDateTime at = jdbc.sql("SELECT " + now).query(OffsetDateTime.class).single();
			jdbc.sql("DELETE FROM gateway_throttle_slot WHERE app_id = ? AND ends_at <= ?")
				.params(appId, at.minus(span))
				.update();
			Map<String, Usage> usage = usage(scopes, at);
			long waitNanos = 0;
			String blockedBy = null;
			for (Scope scope : scopes) {
				Usage used = usage.getOrDefault(scope.key(), Usage.NONE);
				if (used.slots() >= scope.limit()) {
					// The oldest finished slot leaves first; none finished: a request in
					// flight will.
					long wait = used.oldestEnd() == null ? POLL.toNanos()
							: Math.max(1, Duration.between(at, used.oldestEnd().plus(span)).toNanos());
					if (wait > waitNanos) {
						waitNanos = wait;
						blockedBy = scope.key();
					}
				}
			}
			if (blockedBy != null) {
				return Attempt.waitFor(waitNanos, blockedBy, 0);
			}
			String permitId = UUID.randomUUID().toString();
			insertInFlight(permitId, scopes, at.plus(inFlightDeadline));
			return Attempt.taken(() -> finish(permitId));
		});
	}

	private record Usage(long slots, OffsetDateTime oldestEnd) {

		static final Usage NONE = new Usage(0, null);

	}

	/**
	 * Slots per scope in the window and when the oldest finished one ended (a dead node's
	 * slot: its deadline).
	 */
	private Map<String, Usage> usage(List<Scope> scopes, OffsetDateTime at) {
		Map<String, Usage> usage = new HashMap<>();
		jdbc.sql(
				"SELECT scope, COUNT(*) AS slots, MIN(CASE WHEN in_flight AND ends_at > :at THEN NULL ELSE ends_at END)"
						+ " AS oldest_end FROM gateway_throttle_slot WHERE app_id = :app AND scope IN (:scopes) GROUP BY scope")
			.param("at", at)
			.param("app", appId)
			.param("scopes", scopes.stream().map(Scope::key).toList())
			.query(rs -> {
				usage.put(rs.getString("scope"),
						new Usage(rs.getLong("slots"), rs.getObject("oldest_end", OffsetDateTime.class)));
			});
		return usage;
	}

	private void insertInFlight(String permitId, List<Scope> scopes, OffsetDateTime deadline) {
		StringBuilder sql = new StringBuilder(
				"INSERT INTO gateway_throttle_slot (permit_id, scope, app_id, ends_at, in_flight) VALUES ");
		List<Object> params = new ArrayList<>(4 * scopes.size());
		for (Scope scope : scopes) {
			sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, TRUE)");
			params.add(permitId);
			params.add(scope.key());
			params.add(appId);
			params.add(deadline);
		}
		jdbc.sql(sql.toString()).params(params).update();
	}

	/**
	 * Stamps the request's slots with the database's clock. Never throws: the answer is
	 * already back, and a slot left unstamped only counts until its deadline, a little
	 * longer than needed.
	 */
	private void finish(String permitId) {
		try {
			ownTransaction.executeWithoutResult(status -> jdbc
				.sql("UPDATE gateway_throttle_slot SET ends_at = " + now + ", in_flight = FALSE WHERE permit_id = ?")
				.param(permitId)
				.update());
		}
		catch (RuntimeException unstamped) {
			log.warn("could not stamp a finished gateway request in the shared throttle window ({}); its slot counts"
					+ " until its deadline", unstamped.getClass().getSimpleName());
		}
	}

	/** The row every taker of this app locks; inserted by whichever node comes first. */
	private void ensureLockRow() {
		if (lockRowExists) {
			return;
		}
		boolean present = ownTransaction
			.execute(status -> jdbc.sql("SELECT COUNT(*) FROM gateway_throttle_lock WHERE app_id = ?")
				.param(appId)
				.query(Long.class)
				.single() > 0);
		if (!present) {
			try {
				ownTransaction
					.executeWithoutResult(status -> jdbc.sql("INSERT INTO gateway_throttle_lock (app_id) VALUES (?)")
						.param(appId)
						.update());
			}
			catch (DuplicateKeyException anotherNodeWasFirst) {
				// The row is there, which is all that matters.
			}
		}
		lockRowExists = true;
	}

	/**
	 * Never asked for: a full window with every slot in flight answers {@link #POLL}
	 * instead, since a finish may come from any node.
	 */
	@Override
	public void awaitAFinish(long finishesSeen, long maxNanos) throws InterruptedException {
		TimeUnit.NANOSECONDS.sleep(Math.min(maxNanos, POLL.toNanos()));
	}

	@Override
	public String describe() {
		return "shared by every node in the database (" + database + ", its clock)";
	}

}
