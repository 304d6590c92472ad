package com.settlebatch.alerts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.alerts.*}: the channels, the deadlines of the nightly run and how
 * deliveries are retried.
 *
 * @param webhook the Standard Webhooks endpoint
 * @param mail the e-mail channel (the server itself is {@code spring.mail.*})
 * @param nightly the deadlines of the scheduled run
 * @param workerWait how long a partition may wait for a worker before people hear of it
 * @param checkInterval how often a node that is up looks for missed deadlines and waiting
 * partitions
 * @param delivery how deliveries are attempted and retried
 * @param keep how long an event whose every delivery ended stays listed before the
 * retention job removes it (an event with a delivery still pending stays until it ends)
 */
@ConfigurationProperties("settle.alerts")
public record AlertProperties(@NestedConfigurationProperty @DefaultValue Webhook webhook,
		@NestedConfigurationProperty @DefaultValue Mail mail,
		@NestedConfigurationProperty @DefaultValue Nightly nightly, @DefaultValue("2m") Duration workerWait,
		@DefaultValue("1m") Duration checkInterval, @NestedConfigurationProperty @DefaultValue Delivery delivery,
		@DefaultValue("90d") Duration keep) {

	/**
	 * @param url where events are POSTed ({@code SETTLE_ALERTS_WEBHOOK_URL}); empty: no
	 * webhook
	 * @param secret {@code whsec_} and the base64 signing key
	 * ({@code SETTLE_ALERTS_WEBHOOK_SECRET})
	 * @param timeout connect and read time-out of one attempt
	 */
	public record Webhook(@DefaultValue("") String url, @DefaultValue("") String secret,
			@DefaultValue("10s") Duration timeout) {

		boolean configured() {
			return !url.isBlank() && !secret.isBlank();
		}

		/** Without the secret, and without the URL, which may carry a token. */
		@Override
		public String toString() {
			return "Webhook[url=" + (url.isBlank() ? "" : "(set)") + ", secret=" + (secret.isBlank() ? "" : "(set)")
					+ ", timeout=" + timeout + "]";
		}

	}

	/**
	 * @param to the addresses, comma-separated; empty: no e-mail
	 * @param from the sender
	 */
	public record Mail(@DefaultValue("") String to, @DefaultValue("settle@localhost") String from) {
	}

	/**
	 * Deadlines after the scheduled firing of the nightly run (the cron of
	 * {@code jobs/settlement.yml}).
	 *
	 * @param startDeadline by then the date's run must have started
	 * @param finishDeadline by then it must have completed
	 */
	public record Nightly(@DefaultValue("15m") Duration startDeadline, @DefaultValue("6h") Duration finishDeadline) {
	}

	/**
	 * @param pollInterval how often the loop looks for due deliveries
	 * @param initialDelay the wait before the first retry, doubled for each further one
	 * @param maxDelay the longest wait between two attempts (unless the endpoint's
	 * {@code Retry-After} asks for more)
	 * @param maxAttempts after this many attempts a delivery is given up (and kept)
	 * @param claim how long a node that sends a delivery keeps the others from sending it
	 */
	public record Delivery(@DefaultValue("2s") Duration pollInterval, @DefaultValue("10s") Duration initialDelay,
			@DefaultValue("1h") Duration maxDelay, @DefaultValue("12") int maxAttempts,
			@DefaultValue("2m") Duration claim) {
	}

}
