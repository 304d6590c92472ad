package com.settlebatch.cli;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.settlebatch.ops.ExitCodes;
import com.settlebatch.ops.OperationException;
import com.settlebatch.sandbox.SandboxGateway;
import com.settlebatch.sandbox.SandboxSettings;

/** Runs the sandbox gateway on its own, like a provider's stage environment, until stopped. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
		description = { "Run the sandbox payment gateway on its own until stopped (Ctrl-C).",
				"Credentials come from SETTLE_GATEWAY_APP_TOKEN and SETTLE_GATEWAY_CLIENT_SECRET." })
class SandboxCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--port", defaultValue = "8089", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).")
	int port;

	@Option(names = "--app-id", defaultValue = "settle-app", description = "The App-Id clients must send (default ${DEFAULT-VALUE}).")
	String appId;

	@Option(names = "--blocked", split = ",", description = "Account ids that answer access_denied / 3004.")
	List<String> blocked = List.of();

	@Option(names = "--throttle", defaultValue = "30", description = "Requests per window per endpoint, 0 = off (default ${DEFAULT-VALUE}).")
	int throttle;

	@Option(names = "--throttle-window", defaultValue = "10s", converter = DurationConverter.class,
			description = "The sliding window (default ${DEFAULT-VALUE}).")
	Duration throttleWindow;

	@Option(names = "--latency", defaultValue = "0ms", converter = DurationConverter.class,
			description = "Added to every answer, e.g. 25ms (default ${DEFAULT-VALUE}).")
	Duration latency;

	@Option(names = "--fail", split = ",", paramLabel = "ACCOUNT:N",
			description = "The next N calls for ACCOUNT answer 500, e.g. acct-7:2.")
	List<String> failures = List.of();

	@Override
	public Integer call() throws InterruptedException {
		String token = System.getenv("SETTLE_GATEWAY_APP_TOKEN");
		String secret = System.getenv("SETTLE_GATEWAY_CLIENT_SECRET");
		if (token == null || token.isBlank() || secret == null || secret.isBlank()) {
			throw new OperationException(ExitCodes.BAD_INPUT,
					"set SETTLE_GATEWAY_APP_TOKEN and SETTLE_GATEWAY_CLIENT_SECRET to the credentials clients will use");
		}
		SandboxGateway sandbox = SandboxGateway.start(new SandboxSettings(port, appId, token, secret, Set.copyOf(blocked),
				throttle, throttleWindow, latency, 42));
		for (String failure : failures) {
			String[] parts = failure.split(":");
			if (parts.length != 2) {
				sandbox.close();
				throw new OperationException(ExitCodes.BAD_INPUT, "--fail wants ACCOUNT:N, got " + failure);
			}
			sandbox.faults().failNext(parts[0], Integer.parseInt(parts[1]), 500);
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sandbox.close();
			stopped.countDown();
		}));
		spec.commandLine().getOut().println("sandbox gateway listening on " + sandbox.baseUrl() + " (App-Id " + appId
				+ ", throttle " + (throttle == 0 ? "off" : throttle + "/" + throttleWindow.toSeconds() + "s") + ")");
		stopped.await();
		return ExitCodes.DONE;
	}

	static class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			return org.springframework.boot.convert.DurationStyle.detectAndParse(value);
		}

	}

}
