package com.settlebatch.cli;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.settlebatch.refusal.RefusedException;
import com.settlebatch.sandbox.SandboxGateway;
import com.settlebatch.sandbox.SandboxSettings;

/**
 * Runs the sandbox gateway on its own, like a provider's stage environment, until
 * stopped.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
		description = { "Run the sandbox payment gateway on its own until stopped (Ctrl-C).",
				"Credentials come from SETTLE_GATEWAY_APP_TOKEN and SETTLE_GATEWAY_CLIENT_SECRET." })
class SandboxCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--port", defaultValue = "8089",
			description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).")
	int port;

	@Option(names = "--app-id", defaultValue = "settle-app",
			description = "The App-Id clients must send (default ${DEFAULT-VALUE}).")
	String appId;

	@Option(names = "--blocked", split = ",", description = "Account ids that answer access_denied / 3004.")
	List<String> blocked = List.of();

	@Option(names = "--throttle", defaultValue = "30", paramLabel = "N",
			description = "The limit of each of the three throttles unless given below, 0 = off (default ${DEFAULT-VALUE}).")
	int throttle;

	@Option(names = "--app-throttle", paramLabel = "N",
			description = "Requests of the app to any endpoint per window (APPLICATION_REQUEST_THROTTLE_EXCEEDED; default --throttle).")
	Integer appThrottle;

	@Option(names = "--endpoint-throttle", paramLabel = "N",
			description = "Requests to each endpoint per window (ENDPOINT_REQUEST_THROTTLE_EXCEEDED; default --throttle).")
	Integer endpointThrottle;

	@Option(names = "--account-throttle", paramLabel = "N",
			description = "Payment requests for each merchant account per window; a /batch/create counts once per account it pays (ACCOUNT_REQUEST_THROTTLE_EXCEEDED; default --throttle).")
	Integer accountThrottle;

	@Option(names = "--throttle-window", defaultValue = "10s", converter = DurationConverter.class,
			description = "The sliding window of all three throttles (default ${DEFAULT-VALUE}).")
	Duration throttleWindow;

	@Option(names = "--latency", defaultValue = "0ms", converter = DurationConverter.class,
			description = "Added to every answer, e.g. 25ms; the minimum when --latency-max is set (default ${DEFAULT-VALUE}).")
	Duration latency;

	@Option(names = "--latency-max", converter = DurationConverter.class,
			description = "A random latency per request between --latency and this, e.g. 200ms.")
	Duration latencyMax;

	@Option(names = "--fail-rate", defaultValue = "0", converter = RateConverter.class, paramLabel = "R",
			description = "Share of payment calls answering 500/502/503/504, not stored (0-1, default ${DEFAULT-VALUE}).")
	double failRate;

	@Option(names = "--decline-rate", defaultValue = "0", converter = RateConverter.class, paramLabel = "R",
			description = "Share of payment calls declined with 402 insufficient_funds, stored (0-1, default ${DEFAULT-VALUE}).")
	double declineRate;

	@Option(names = "--hang-rate", defaultValue = "0", converter = RateConverter.class, paramLabel = "R",
			description = "Share of payment calls charged but answered only after --hang (0-1, default ${DEFAULT-VALUE}).")
	double hangRate;

	@Option(names = "--hang", defaultValue = "35s", converter = DurationConverter.class,
			description = "How long a hanging call holds its answer; past the client's 30s read time-out by default (default ${DEFAULT-VALUE}).")
	Duration hang;

	@Option(names = "--seed", defaultValue = "42",
			description = "Seed of the random faults and latency; the same seed and traffic give the same faults (default ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--fail", split = ",", paramLabel = "ACCOUNT:N",
			description = "The next N calls for ACCOUNT answer 500, e.g. acct-7:2.")
	List<String> failures = List.of();

	@Override
	public Integer call() throws InterruptedException {
		validate();
		String token = System.getenv("SETTLE_GATEWAY_APP_TOKEN");
		String secret = System.getenv("SETTLE_GATEWAY_CLIENT_SECRET");
		if (token == null || token.isBlank() || secret == null || secret.isBlank()) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					"set SETTLE_GATEWAY_APP_TOKEN and SETTLE_GATEWAY_CLIENT_SECRET to the credentials clients will use");
		}
		SandboxSettings.Throttle limits = new SandboxSettings.Throttle(or(appThrottle), or(endpointThrottle),
				or(accountThrottle), throttleWindow);
		SandboxGateway sandbox = SandboxGateway
			.start(new SandboxSettings(port, appId, token, secret, Set.copyOf(blocked), limits, latency, seed));
		sandbox.faults().randomFaults(failRate, declineRate, hangRate, hang);
		if (latencyMax != null) {
			sandbox.faults().latency(Duration.ZERO, latencyMax.minus(latency));
		}
		for (String failure : failures) {
			String[] parts = failure.split(":");
			if (parts.length != 2 || !parts[1].matches("\\d{1,9}")) {
				sandbox.close();
				throw new RefusedException(RefusedException.Kind.BAD_INPUT, "--fail wants ACCOUNT:N, got " + failure);
			}
			sandbox.faults().failNext(parts[0], Integer.parseInt(parts[1]), 500);
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sandbox.close();
			stopped.countDown();
		}));
		spec.commandLine()
			.getOut()
			.println("sandbox gateway listening on " + sandbox.baseUrl() + " (App-Id " + appId + ", throttle "
					+ throttleText(limits) + ", latency " + latency.toMillis()
					+ (latencyMax == null ? "" : "-" + latencyMax.toMillis()) + "ms"
					+ (failRate + declineRate + hangRate == 0 ? "" : ", fail-rate " + failRate + ", decline-rate "
							+ declineRate + ", hang-rate " + hangRate + " for " + hang.toMillis() + "ms, seed " + seed)
					+ ")");
		stopped.await();
		return ExitCodes.DONE;
	}

	private int or(Integer limit) {
		return limit == null ? throttle : limit;
	}

	private static String throttleText(SandboxSettings.Throttle limits) {
		String window = "/" + limits.window().toMillis() + "ms";
		return "app " + (limits.app() == 0 ? "off" : limits.app() + window) + ", endpoint "
				+ (limits.endpoint() == 0 ? "off" : limits.endpoint() + window) + ", account "
				+ (limits.account() == 0 ? "off" : limits.account() + window);
	}

	// Checks across options; each rate alone is checked by its converter.
	private void validate() {
		if (throttle < 0 || or(appThrottle) < 0 || or(endpointThrottle) < 0 || or(accountThrottle) < 0) {
			throw new ParameterException(spec.commandLine(), "throttle limits must be >= 0 (0 = off)");
		}
		if (throttleWindow.isZero() || throttleWindow.isNegative()) {
			throw new ParameterException(spec.commandLine(), "--throttle-window must be positive");
		}
		if (failRate + declineRate + hangRate > 1 + 1e-9) {
			throw new ParameterException(spec.commandLine(),
					"--fail-rate, --decline-rate and --hang-rate must add up to at most 1");
		}
		if (latency.isNegative() || hang.isNegative()) {
			throw new ParameterException(spec.commandLine(), "--latency and --hang must not be negative");
		}
		if (latencyMax != null && latencyMax.compareTo(latency) < 0) {
			throw new ParameterException(spec.commandLine(),
					"--latency-max must be at least --latency (" + latency + ")");
		}
	}

	static class RateConverter implements picocli.CommandLine.ITypeConverter<Double> {

		@Override
		public Double convert(String value) {
			double rate;
			try {
				rate = Double.parseDouble(value);
			}
			catch (NumberFormatException e) {
				throw new TypeConversionException("'" + value + "' is not a number");
			}
			if (!(rate >= 0 && rate <= 1)) {
				throw new TypeConversionException("a rate must be between 0 and 1, was " + value);
			}
			return rate;
		}

	}

	static class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			return org.springframework.boot.convert.DurationStyle.detectAndParse(value);
		}

	}

}
