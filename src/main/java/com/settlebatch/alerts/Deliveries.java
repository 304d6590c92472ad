package com.settlebatch.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Delivers what is due: each delivery claimed first (so that one node sends it), then
 * attempted once on its channel; a failed attempt is due again after an exponential
 * back-off with jitter, or after the receiver's {@code Retry-After} when that is longer,
 * and given up (kept, GAVE_UP) after the last attempt.
 */
@Component
class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private static final int ROUND = 50;

	private final AlertStore store;

	private final Channels channels;

	private final WebhookChannel webhook;

	private final AlertProperties.Delivery settings;

	private final Clock clock;

	Deliveries(AlertStore store, Channels channels, WebhookChannel webhook, AlertProperties properties, Clock clock) {
		this.store = store;
		this.channels = channels;
		this.webhook = webhook;
		this.settings = properties.delivery();
		this.clock = clock;
	}

	/**
	 * One round: every delivery due now, at most fifty.
	 * @return how many were attempted
	 */
	int deliverDue() {
		int attempted = 0;
		for (AlertStore.Due due : store.due(now(), ROUND)) {
			OffsetDateTime now = now();
			if (!store.claim(due, now, now.plus(settings.claim()))) {
				continue;
			}
			attempted++;
			attempt(due);
		}
		return attempted;
	}

	private void attempt(AlertStore.Due due) {
		Channel channel = channels.named(due.channel()).orElse(null);
		if (channel == null || !channel.configured()) {
			store.failed(due, "channel " + due.channel() + " is no longer configured", null, "GAVE_UP");
			return;
		}
		if (channel == webhook && store.endpointDisabled(webhook.endpointKey())) {
			store.disabled(due, "the endpoint answered 410 Gone earlier: disabled");
			return;
		}
		Channel.Attempt attempt = channel.send(due);
		if (attempt.delivered()) {
			store.delivered(due, now());
			log.info("alert {} delivered by {} (attempt {})", due.eventId(), due.channel(), due.attempts() + 1);
		}
		else if (attempt.gone()) {
			store.disableEndpoint(webhook.endpointKey(), attempt.error(), now());
			store.failed(due, attempt.error(), null, "DISABLED");
			log.warn("alert {}: the webhook endpoint answered 410 Gone; it gets no more deliveries", due.eventId());
		}
		else {
			retryLater(due, attempt);
		}
	}

	private void retryLater(AlertStore.Due due, Channel.Attempt attempt) {
		int attempts = due.attempts() + 1;
		if (attempts >= settings.maxAttempts()) {
			store.failed(due, attempt.error(), null, "GAVE_UP");
			log.error("alert {}: {} gave up after {} attempts: {}", due.eventId(), due.channel(), attempts,
					attempt.error());
			return;
		}
		Duration wait = backOff(attempts);
		if (attempt.retryAfter() != null && attempt.retryAfter().compareTo(wait) > 0) {
			wait = attempt.retryAfter();
		}
		store.failed(due, attempt.error(), now().plus(wait), null);
		log.warn("alert {}: {} attempt {} failed ({}); next in {}", due.eventId(), due.channel(), attempts,
				attempt.error(), wait);
	}

	/**
	 * The initial delay doubled for each attempt made, at most the maximum, then a random
	 * half of it taken off ("equal jitter"): many nodes' retries spread out.
	 */
	Duration backOff(int attemptsMade) {
		long base = settings.initialDelay().toMillis();
		long ceiling = settings.maxDelay().toMillis();
		long delay = base;
		for (int i = 1; i < attemptsMade && delay < ceiling; i++) {
			delay *= 2;
		}
		delay = Math.min(delay, ceiling);
		return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
