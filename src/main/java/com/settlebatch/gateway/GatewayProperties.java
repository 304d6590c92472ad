package com.settlebatch.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how to reach the payment gateway ({@code settle.gateway.*} in
 * {@code jobs/settlement.yml}). The token and secret come from the environment and are
 * masked in {@link #toString()}.
 *
 * @param baseUrl the gateway's; empty: the {@link GatewayEndpoint} of a gateway started
 * in this process, if any
 * @param mode {@code batch} (/batch/create, up to 50 calls) or {@code single} (/payments)
 * @param throttle the client-side rate limits; an embedded sandbox enforces the same
 */
@ConfigurationProperties("settle.gateway")
public record GatewayProperties(@DefaultValue("") String baseUrl, @DefaultValue("batch") Mode mode,
		@DefaultValue("settle-app") String appId, String appToken, String clientSecret,
		@DefaultValue("3.0") String apiVersion, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue Throttle throttle) {

	public enum Mode {

		BATCH, SINGLE

	}

	/**
	 * The gateway's three throttles (seed 001), which the client keeps to so that the
	 * gateway never has to answer THROTTLE_EXCEEDED: per sliding {@code window}, at most
	 * {@code app} requests of the app, {@code endpoint} requests to each endpoint,
	 * {@code account} payment requests for each merchant account (a {@code /batch/create}
	 * counts once per account it pays). Each defaults to {@code limit}; {@code 0} turns
	 * one off. Where the windows live is {@code windows}.
	 */
	public record Throttle(@DefaultValue("30") int limit, Integer app, Integer endpoint, Integer account,
			@DefaultValue("10s") Duration window, @DefaultValue("auto") Windows windows) {

		@ConstructorBinding
		public Throttle {
			for (Integer each : new Integer[] { limit, app, endpoint, account }) {
				if (each != null && each < 0) {
					throw new IllegalArgumentException(
							"settle.gateway.throttle.limit, .app, .endpoint and .account must be >= 0 (0 = off)");
				}
			}
			if (window == null || window.isZero() || window.isNegative()) {
				throw new IllegalArgumentException("settle.gateway.throttle.window must be positive");
			}
			windows = windows == null ? Windows.AUTO : windows;
		}

		/** The same limit for all three throttles, windows chosen by the database. */
		public Throttle(int limit, Duration window) {
			this(limit, null, null, null, window, Windows.AUTO);
		}

		public int appLimit() {
			return app == null ? limit : app;
		}

		public int endpointLimit() {
			return endpoint == null ? limit : endpoint;
		}

		public int accountLimit() {
			return account == null ? limit : account;
		}

		/**
		 * Whether no throttle is on: then no request waits, and none touches the
		 * database.
		 */
		public boolean off() {
			return appLimit() == 0 && endpointLimit() == 0 && accountLimit() == 0;
		}

		@Override
		public String toString() {
			return "Throttle[app=" + appLimit() + ", endpoint=" + endpointLimit() + ", account=" + accountLimit()
					+ ", window=" + window + ", windows=" + windows + "]";
		}

	}

	/**
	 * Where the client's sliding windows live. {@code database}: in the shared database
	 * (table {@code gateway_throttle_slot}), so that every node settling against the
	 * gateway keeps to one budget; {@code memory}: in this process only; {@code auto}:
	 * the database on PostgreSQL (the database nodes share), memory on H2 (an embedded
	 * database: one node).
	 */
	public enum Windows {

		AUTO, DATABASE, MEMORY

	}

	public boolean hasBaseUrl() {
		return baseUrl != null && !baseUrl.isBlank();
	}

	/** The same settings, sent to this endpoint with its credentials. */
	GatewayProperties at(GatewayEndpoint endpoint) {
		return new GatewayProperties(endpoint.baseUrl(), mode, appId, endpoint.appToken(), endpoint.clientSecret(),
				apiVersion, connectTimeout, readTimeout, throttle);
	}

	@Override
	public String toString() {
		return "GatewayProperties[baseUrl=" + baseUrl + ", mode=" + mode + ", appId=" + appId
				+ ", appToken=****, clientSecret=****, apiVersion=" + apiVersion + ", connectTimeout=" + connectTimeout
				+ ", readTimeout=" + readTimeout + ", throttle=" + throttle + "]";
	}

}
