package com.settlebatch.alerts;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records alert events in the outbox. The one way in for every part of the product: call
 * {@link #record} inside the transaction that causes the event, and the event is kept
 * exactly when that transaction commits; the delivery loop does the rest.
 */
@Service
public class Alerts {

	/** At most this many items (payments, exceptions) are named in one event. */
	static final int LISTED = 100;

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AlertStore store;

	private final Channels channels;

	private final Clock clock;

	Alerts(AlertStore store, Channels channels, Clock clock) {
		this.store = store;
		this.channels = channels;
		this.clock = clock;
	}

	/**
	 * Records the event, with a delivery for each channel configured now, in the caller's
	 * transaction (or its own when there is none). An event whose id is already recorded
	 * is left as it is.
	 * @return whether the event is new
	 */
	@Transactional
	public boolean record(AlertEvent event) {
		OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
		if (!store.insertEvent(event, body(event, now), now)) {
			return false;
		}
		List<String> configured = channels.configured();
		configured.forEach(channel -> store.insertDelivery(event.id(), channel, now));
		log.warn("alert {}: {} (to {})", event.id(), event.summary(),
				configured.isEmpty() ? "no channel configured" : String.join(", ", configured));
		return true;
	}

	/**
	 * What the reconciliation job calls when a run ends: records a
	 * {@code reconciliation-exceptions} event when exceptions are open, in the caller's
	 * transaction.
	 * @return whether a new event was recorded
	 */
	@Transactional
	public boolean reconciliationFinished(LocalDate businessDate, long executionId, Map<String, Long> counts,
			List<Long> openExceptionIds) {
		if (openExceptionIds.isEmpty()) {
			return false;
		}
		return record(AlertEvent.reconciliationExceptions(businessDate, executionId, counts, openExceptionIds));
	}

	/**
	 * The webhook body, fixed once (Standard Webhooks' {@code type}, {@code timestamp},
	 * {@code data}): every retry sends the same bytes.
	 */
	private static String body(AlertEvent event, OffsetDateTime now) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", event.type());
		body.put("timestamp", now.toString());
		body.put("id", event.id());
		body.put("summary", event.summary());
		body.put("data", event.data());
		return JSON.writeValueAsString(body);
	}

}
