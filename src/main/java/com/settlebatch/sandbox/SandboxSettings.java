package com.settlebatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link SandboxGateway}. {@link #toString()} redacts the token and
 * the secret so the settings can be logged safely.
 *
 * @param port port to bind on 127.0.0.1; {@code 0} picks a free port
 * @param appId expected {@code App-Id} header and batch {@code client_id}
 * @param appToken expected {@code App-Token} header
 * @param clientSecret expected batch {@code client_secret}
 * @param blockedAccounts account ids answered with {@code 403 / 3004}, in addition to any
 * id containing "blocked"
 * @param throttle the three throttles the gateway enforces together, see {@link Throttle}
 * @param latency artificial delay before every answer
 * @param seed seeds the random faults and latency of {@link SandboxFaults}; payment ids
 * stay globally unique regardless
 */
public record SandboxSettings(int port, String appId, String appToken, String clientSecret, Set<String> blockedAccounts,
		Throttle throttle, Duration latency, long seed) {

	public SandboxSettings {
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException("port must be between 0 and 65535");
		}
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(appToken, "appToken");
		Objects.requireNonNull(clientSecret, "clientSecret");
		blockedAccounts = blockedAccounts == null ? Set.of() : Set.copyOf(blockedAccounts);
		Objects.requireNonNull(throttle, "throttle");
		latency = latency == null ? Duration.ZERO : latency;
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative");
		}
	}

	public static SandboxSettings defaults() {
		return new SandboxSettings(0, "sandbox-app", "sandbox-token", "sandbox-secret", Set.of(), Throttle.OFF,
				Duration.ZERO, 42L);
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttle, latency, seed);
	}

	public SandboxSettings withCredentials(String appId, String appToken, String clientSecret) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttle, latency, seed);
	}

	public SandboxSettings withBlockedAccounts(Set<String> blockedAccounts) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttle, latency, seed);
	}

	public SandboxSettings withThrottle(Throttle throttle) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttle, latency, seed);
	}

	public SandboxSettings withLatency(Duration latency) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttle, latency, seed);
	}

	public SandboxSettings withSeed(long seed) {
		return new SandboxSettings(port, appId, appToken, clientSecret, blockedAccounts, throttle, latency, seed);
	}

	/**
	 * Mirrors the provider's stage convention of magic test values, so fixtures need no
	 * configuration.
	 */
	boolean isBlocked(String accountId) {
		return blockedAccounts.contains(accountId) || accountId.toLowerCase(Locale.ROOT).contains("blocked");
	}

	/**
	 * A charge for an account whose id contains "pending" stays {@code pending}, as a
	 * gateway's charge does while it waits for the bank.
	 */
	boolean isPending(String accountId) {
		return accountId.toLowerCase(Locale.ROOT).contains("pending");
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
				+ ", blockedAccounts=" + blockedAccounts + ", throttle=" + throttle + ", latency=" + latency + ", seed="
				+ seed + "]";
	}

	/**
	 * The three throttles of seed 001 ("API Rate Limits", mid-Q2 2021), in force
	 * together, each a sliding window: a request is admitted only when every window it
	 * counts in has room, and a refused request counts in none. One window length for all
	 * three, as the seed gives one (10 s) for all three; {@code 0} turns a throttle off.
	 *
	 * @param app requests of the app to any endpoint per window
	 * (APPLICATION_REQUEST_THROTTLE_EXCEEDED)
	 * @param endpoint requests to each endpoint ({@code POST /payments},
	 * {@code GET /payments}, {@code POST /batch/create}) per window
	 * (ENDPOINT_REQUEST_THROTTLE_EXCEEDED)
	 * @param account payment requests for each merchant account per window
	 * (ACCOUNT_REQUEST_THROTTLE_EXCEEDED); how a {@code /batch/create} counts is
	 * explained in {@link BatchCreateHandler#accountsOf}
	 * @param window the length of every sliding window
	 */
	public record Throttle(int app, int endpoint, int account, Duration window) {

		/** No throttle at all. */
		public static final Throttle OFF = new Throttle(0, 0, 0, Duration.ofSeconds(10));

		public Throttle {
			if (app < 0 || endpoint < 0 || account < 0) {
				throw new IllegalArgumentException("throttle limits must be >= 0 (0 = off)");
			}
			Objects.requireNonNull(window, "window");
			if (window.isZero() || window.isNegative()) {
				throw new IllegalArgumentException("the throttle window must be positive");
			}
		}

		/** The same limit for all three, as the seed has it (30 per 10 s). */
		public static Throttle all(int limit, Duration window) {
			return new Throttle(limit, limit, limit, window);
		}

		@Override
		public String toString() {
			return "app " + app + ", endpoint " + endpoint + ", account " + account + " per " + window.toMillis()
					+ " ms (0 = off)";
		}

	}
}
