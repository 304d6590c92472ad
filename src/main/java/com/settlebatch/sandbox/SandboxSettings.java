package com.settlebatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link SandboxGateway}. {@link #toString()} redacts the token and the secret
 * so the settings can be logged safely.
 *
 * @param port            port to bind on 127.0.0.1; {@code 0} picks a free port
 * @param appId           expected {@code App-Id} header and batch {@code client_id}
 * @param appToken        expected {@code App-Token} header
 * @param clientSecret    expected batch {@code client_secret}
 * @param blockedAccounts account ids answered with {@code 403 / 3004}, in addition to any id containing "blocked"
 * @param throttleLimit   requests allowed per endpoint within {@code throttleWindow}; {@code 0} disables throttling
 * @param throttleWindow  length of the sliding throttle window
 * @param latency         artificial delay before every answer
 * @param seed            seeds the random faults and latency of {@link SandboxFaults}; payment ids stay globally unique regardless
 */
public record SandboxSettings(int port, String appId, String appToken, String clientSecret,
		Set<String> blockedAccounts, int throttleLimit, Duration throttleWindow, Duration latency, long seed) {

	public SandboxSettings {
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException("port must be between 0 and 65535");
		}
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(appToken, "appToken");
		Objects.requireNonNull(clientSecret, "clientSecret");
		blockedAccounts = blockedAccounts == null ? Set.of() : Set.copyOf(blockedAccounts);
		if (throttleLimit < 0) {
			throw new IllegalArgumentException("throttleLimit must be >= 0");
		}
		Objects.requireNonNull(throttleWindow, "throttleWindow");
		if (throttleWindow.isZero() || throttleWindow.isNegative()) {
			throw new IllegalArgumentException("throttleWindow must be positive");
		}
		latency = latency == null ? Duration.ZERO : latency;
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative");
		}
	}

	public static SandboxSettings defaults() {
		return new SandboxSettings(0, "sandbox-app", "sandbox-token", "sandbox-secret", Set.of(),
				0, Duration.ofSeconds(10), Duration.ZERO, 42L);
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttleLimit,
				throttleWindow, latency, seed);
	}

	public SandboxSettings withCredentials(String appId, String appToken, String clientSecret) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttleLimit,
				throttleWindow, latency, seed);
	}

	public SandboxSettings withBlockedAccounts(Set<String> blockedAccounts) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttleLimit,
				throttleWindow, latency, seed);
	}

	public SandboxSettings withThrottle(int limit, Duration window) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, limit, window,
				latency, seed);
	}

	public SandboxSettings withLatency(Duration latency) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttleLimit,
				throttleWindow, latency, seed);
	}

	public SandboxSettings withSeed(long seed) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttleLimit,
				throttleWindow, latency, seed);
	}

	/** Mirrors the provider's stage convention of magic test values, so fixtures need no configuration. */
	boolean isBlocked(String accountId) {
		return blockedAccounts.contains(accountId) || accountId.toLowerCase(Locale.ROOT).contains("blocked");
	}

	boolean appCredentialsMatch(String givenAppId, String givenToken) {
		return constantTimeEquals(appId, givenAppId) & constantTimeEquals(appToken, givenToken);
	}

	boolean clientCredentialsMatch(String givenClientId, String givenSecret) {
		return constantTimeEquals(appId, givenClientId) & constantTimeEquals(clientSecret, givenSecret);
	}

	// Timing-independent comparison so the sandbox does not teach clients a leaky habit.
	private static boolean constantTimeEquals(String expected, String given) {
		return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				given.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "SandboxSettings[port=" + port + ", appId=" + appId + ", appToken=***, clientSecret=***"
				+ ", blockedAccounts=" + blockedAccounts + ", throttleLimit=" + throttleLimit
				+ ", throttleWindow=" + throttleWindow + ", latency=" + latency + ", seed=" + seed + "]";
	}
}
