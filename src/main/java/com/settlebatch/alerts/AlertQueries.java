package com.settlebatch.alerts;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The alerts as {@code settle alerts}, {@code GET /alerts} and the dashboard list them:
 * newest first, each with the state of its delivery on every channel.
 */
@Component
public class AlertQueries {

	private final JdbcClient jdbc;

	AlertQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An event and its deliveries. */
	public record AlertView(String id, String type, String summary, OffsetDateTime createdAt,
			List<DeliveryView> deliveries) {
	}

	/** One channel's delivery of an event. */
	public record DeliveryView(String channel, String status, int attempts, String lastError,
			OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt) {
	}

	public List<AlertView> recent(int limit) {
		Map<String, AlertView> events = new LinkedHashMap<>();
		jdbc.sql("SELECT id, event_type, summary, created_at FROM alert_event ORDER BY created_at DESC, id LIMIT ?")
			.param(limit)
			.query((rs, n) -> new AlertView(rs.getString("id"), rs.getString("event_type"), rs.getString("summary"),
					rs.getObject("created_at", OffsetDateTime.class), new ArrayList<>()))
			.list()
			.forEach(event -> events.put(event.id(), event));
		if (events.isEmpty()) {
			return List.of();
		}
		jdbc.sql("""
				SELECT event_id, channel, status, attempts, last_error, next_attempt_at, delivered_at
				FROM alert_delivery WHERE event_id IN (:ids) ORDER BY event_id, channel""")
			.param("ids", List.copyOf(events.keySet()))
			.query((rs, n) -> Map.entry(rs.getString("event_id"),
					new DeliveryView(rs.getString("channel"), rs.getString("status"), rs.getInt("attempts"),
							rs.getString("last_error"), rs.getObject("next_attempt_at", OffsetDateTime.class),
							rs.getObject("delivered_at", OffsetDateTime.class))))
			.list()
			.forEach(row -> events.get(row.getKey()).deliveries().add(row.getValue()));
		return List.copyOf(events.values());
	}

}
