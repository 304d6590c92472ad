package com.settlebatch.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Standard Webhooks v1: a POST of the event's JSON body with {@code webhook-id} (the
 * event's id, the same on every retry), {@code webhook-timestamp} (seconds since the
 * epoch, of this attempt) and {@code webhook-signature}: {@code v1,} and the base64
 * HMAC-SHA256 of {@code id.timestamp.body} under the key that follows {@code whsec_} in
 * the secret. A 2xx delivers; 410 Gone disables the endpoint; anything else is retried,
 * after the {@code Retry-After} it asks for.
 */
@Component
class WebhookChannel implements Channel {

	static final String NAME = "webhook";

	private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);

	private static final String PREFIX = "whsec_";

	private final AlertProperties.Webhook settings;

	private final Clock clock;

	private final HttpClient http;

	WebhookChannel(AlertProperties properties, Clock clock) {
		this.settings = properties.webhook();
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
		if (!settings.url().isBlank() && settings.secret().isBlank()) {
			// Unsigned events would be refused by any receiver that verifies them.
			log.warn("settle.alerts.webhook.url is set but SETTLE_ALERTS_WEBHOOK_SECRET is not: "
					+ "no alert is sent to the webhook");
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean configured() {
		return settings.configured();
	}

	/** The endpoint as {@code alert_endpoint} knows it: never the URL itself. */
	String endpointKey() {
		return sha256(settings.url());
	}

	@Override
	public Attempt send(AlertStore.Due due) {
		long timestamp = clock.instant().getEpochSecond();
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(settings.url()))
				.timeout(settings.timeout())
				.header("content-type", "application/json")
				.header("webhook-id", due.eventId())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", signature(due.eventId(), timestamp, due.body()))
				.POST(HttpRequest.BodyPublishers.ofString(due.body(), StandardCharsets.UTF_8))
				.build();
		}
		catch (IllegalArgumentException badUrl) {
			// The URL may carry a token: the message names the setting, not the value.
			return Attempt.failed("settle.alerts.webhook.url is not a valid http(s) URL", null);
		}
		catch (IllegalStateException badSecret) {
			return Attempt.failed(badSecret.getMessage(), null);
		}
		try {
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			if (status / 100 == 2) {
				return Attempt.DELIVERED;
			}
			if (status == 410) {
				return Attempt.gone("HTTP 410 Gone: the endpoint is disabled");
			}
			return Attempt.failed("HTTP " + status,
					response.headers().firstValue("retry-after").map(this::retryAfter).orElse(null));
		}
		catch (IOException e) {
			return Attempt.failed(e.getClass().getSimpleName() + " (no answer from the webhook endpoint)", null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Attempt.failed("interrupted while sending", null);
		}
	}

	/**
	 * {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the
	 * secret's base64 part.
	 */
	String signature(String id, long timestamp, String body) {
		try {
			String secret = settings.secret();
			byte[] key = Base64.getDecoder()
				.decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signed);
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			// Never the secret, nor the decoder's message, which may quote it.
			throw new IllegalStateException("SETTLE_ALERTS_WEBHOOK_SECRET is not whsec_ followed by base64");
		}
	}

	/** Seconds, or an HTTP date; what cannot be read asks for nothing. */
	private Duration retryAfter(String value) {
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(clock.instant(), when.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException unreadable) {
				return null;
			}
		}
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

}
