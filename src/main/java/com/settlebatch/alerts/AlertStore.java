package com.settlebatch.alerts;

import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.sql.Databases;

/**
 * The one writer of {@code alert_event}, {@code alert_delivery} and
 * {@code alert_endpoint}.
 */
@Component
class AlertStore {

	/**
	 * PostgreSQL skips a duplicate id in the statement: a failed statement would abort
	 * the caller's transaction.
	 */
	private static final String INSERT_EVENT_POSTGRES = """
			INSERT INTO alert_event (id, event_type, summary, body, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING""";

	/**
	 * H2 skips one it can see; a duplicate committed meanwhile fails the statement only,
	 * which H2 rolls back alone.
	 */
	private static final String INSERT_EVENT_H2 = """
			INSERT INTO alert_event (id, event_type, summary, body, created_at)
			SELECT CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(60)), CAST(? AS VARCHAR(500)),
			       CAST(? AS VARCHAR(65536)), CAST(? AS TIMESTAMP WITH TIME ZONE)
			WHERE NOT EXISTS (SELECT 1 FROM alert_event WHERE id = ?)""";

	/** Events old enough with no delivery left to attempt; parameter {@code cutoff}. */
	private static final String ENDED = """
			FROM alert_event e
			WHERE e.created_at < :cutoff
			  AND NOT EXISTS (SELECT 1 FROM alert_delivery d WHERE d.event_id = e.id AND d.status = 'PENDING')""";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	AlertStore(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	boolean insertEvent(AlertEvent event, String body, OffsetDateTime now) {
		if (isPostgres()) {
			return jdbc.sql(INSERT_EVENT_POSTGRES)
				.params(event.id(), event.type(), event.summary(), body, now)
				.update() == 1;
		}
		try {
			return jdbc.sql(INSERT_EVENT_H2)
				.params(event.id(), event.type(), event.summary(), body, now, event.id())
				.update() == 1;
		}
		catch (DuplicateKeyException recordedMeanwhile) {
			return false;
		}
	}

	void insertDelivery(String eventId, String channel, OffsetDateTime now) {
		jdbc.sql("INSERT INTO alert_delivery (event_id, channel, status, attempts, next_attempt_at) "
				+ "VALUES (?, ?, 'PENDING', 0, ?)")
			.params(eventId, channel, now)
			.update();
	}

	/** Deliveries whose time has come, oldest first. */
	List<Due> due(OffsetDateTime now, int limit) {
		return jdbc.sql("""
				SELECT d.event_id, d.channel, d.attempts, e.event_type, e.summary, e.body
				FROM alert_delivery d JOIN alert_event e ON e.id = d.event_id
				WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
				ORDER BY d.next_attempt_at, d.event_id
				LIMIT ?""")
			.params(now, limit)
			.query((rs, n) -> new Due(rs.getString("event_id"), rs.getString("channel"), rs.getInt("attempts"),
					rs.getString("event_type"), rs.getString("summary"), rs.getString("body")))
			.list();
	}

	/**
	 * Takes a due delivery for this node until {@code until}: false when another node
	 * took it first.
	 */
	boolean claim(Due due, OffsetDateTime now, OffsetDateTime until) {
		return jdbc.sql("""
				UPDATE alert_delivery SET next_attempt_at = ?
				WHERE event_id = ? AND channel = ? AND status = 'PENDING' AND attempts = ? AND next_attempt_at <= ?""")
			.params(until, due.eventId(), due.channel(), due.attempts(), now)
			.update() == 1;
	}

	/** The last error of earlier attempts stays: it says why it took more than one. */
	void delivered(Due due, OffsetDateTime now) {
		jdbc.sql("""
				UPDATE alert_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?
				WHERE event_id = ? AND channel = ?""").params(now, due.eventId(), due.channel()).update();
	}

	/**
	 * An attempt that failed: due again at {@code next}, or, with {@code next} null,
	 * ended with {@code status} (GAVE_UP, DISABLED).
	 */
	void failed(Due due, String error, OffsetDateTime next, String status) {
		jdbc.sql("""
				UPDATE alert_delivery SET attempts = attempts + 1, last_error = ?, status = ?,
				       next_attempt_at = COALESCE(?, next_attempt_at)
				WHERE event_id = ? AND channel = ?""")
			.params(truncate(error), next == null ? status : "PENDING", next, due.eventId(), due.channel())
			.update();
	}

	/**
	 * Ends a delivery that is not attempted, its endpoint being gone.
	 */
	void disabled(Due due, String reason) {
		jdbc.sql("UPDATE alert_delivery SET status = 'DISABLED', last_error = ? WHERE event_id = ? AND channel = ?")
			.params(truncate(reason), due.eventId(), due.channel())
			.update();
	}

	void disableEndpoint(String urlSha256, String reason, OffsetDateTime now) {
		if (endpointDisabled(urlSha256)) {
			return;
		}
		try {
			jdbc.sql("INSERT INTO alert_endpoint (url_sha256, disabled_at, reason) VALUES (?, ?, ?)")
				.params(urlSha256, now, truncate(reason))
				.update();
		}
		catch (DuplicateKeyException disabledMeanwhile) {
			// Another node saw the same 410 first.
		}
	}

	boolean endpointDisabled(String urlSha256) {
		return jdbc.sql("SELECT COUNT(*) FROM alert_endpoint WHERE url_sha256 = ?")
			.param(urlSha256)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Removes at most {@code limit} events recorded before {@code cutoff} none of whose
	 * deliveries is still PENDING (each DELIVERED, GAVE_UP or DISABLED, or none made),
	 * their deliveries first. An event still to be delivered stays, however old.
	 * @return the events removed
	 */
	int removeEnded(OffsetDateTime cutoff, int limit) {
		List<String> ids = jdbc.sql("SELECT e.id " + ENDED + " ORDER BY e.created_at, e.id")
			.param("cutoff", cutoff)
			.withMaxRows(limit)
			.query(String.class)
			.list();
		if (ids.isEmpty()) {
			return 0;
		}
		jdbc.sql("DELETE FROM alert_delivery WHERE event_id IN (:ids)").param("ids", ids).update();
		return jdbc.sql("DELETE FROM alert_event WHERE id IN (:ids)").param("ids", ids).update();
	}

	long countEnded(OffsetDateTime cutoff) {
		return jdbc.sql("SELECT COUNT(*) " + ENDED).param("cutoff", cutoff).query(Long.class).single();
	}

	private static String truncate(String text) {
		return text == null || text.length() <= 200 ? text : text.substring(0, 197) + "...";
	}

	private boolean isPostgres() {
		return Databases.isPostgres(dataSource);
	}

	/** A delivery to attempt, with what its channel sends. */
	record Due(String eventId, String channel, int attempts, String type, String summary, String body) {
	}

}
