package com.settlebatch.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how to reach the payment gateway ({@code settle.gateway.*} in {@code jobs/settlement.yml}).
 * The token and secret come from the environment and are masked in {@link #toString()}.
 *
 * @param baseUrl empty: the embedded sandbox gateway is started and used
 * @param mode {@code batch} (/batch/create, up to 50 calls) or {@code single} (/payments)
 * @param throttle the client-side rate limit; the embedded sandbox enforces the same
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
	 * At most {@code limit} requests per endpoint in any sliding {@code window}; {@code 0} = off.
	 * Per process: nodes settling at the same time must share the gateway's budget between them.
	 */
	public record Throttle(@DefaultValue("30") int limit, @DefaultValue("10s") Duration window) {

		public Throttle {
			if (limit < 0) {
				throw new IllegalArgumentException("settle.gateway.throttle.limit must be >= 0 (0 = off)");
			}
			if (window == null || window.isZero() || window.isNegative()) {
				throw new IllegalArgumentException("settle.gateway.throttle.window must be positive");
			}
		}

	}

	public boolean embeddedSandbox() {
		return baseUrl == null || baseUrl.isBlank();
	}

	GatewayProperties withEndpoint(String url, String token, String secret) {
		return new GatewayProperties(url, mode, appId, token, secret, apiVersion, connectTimeout, readTimeout,
				throttle);
	}

	@Override
	public String toString() {
		return "GatewayProperties[baseUrl=" + baseUrl + ", mode=" + mode + ", appId=" + appId
				+ ", appToken=****, clientSecret=****, apiVersion=" + apiVersion + ", connectTimeout="
				+ connectTimeout + ", readTimeout=" + readTimeout + ", throttle=" + throttle + "]";
	}

}
