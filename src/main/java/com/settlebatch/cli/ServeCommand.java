package com.settlebatch.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import com.settlebatch.SettlementApplication;
import com.settlebatch.logging.ConsoleLog;

/**
 * The service: nightly scheduler, file-drop watcher, inbox poller and REST API, until
 * stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Run the service until stopped (Ctrl-C): scheduler, file drop, inbox, REST API and dashboard.",
				"Nightly settlement on the cron of jobs/settlement.yml, file drop on the input folder, the inbox",
				"table, the REST API and /actuator/health|prometheus.",
				"The API wants `Authorization: Bearer <token>`, the token from SETTLEMENT_API_TOKEN;",
				"when unset a random one is made and printed once." })
class ServeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--port",
			description = "HTTP port (default: server.port / SERVER_PORT, else 8080; 0 = any free port).")
	Integer port;

	@Override
	public Integer call() throws InterruptedException {
		GatewayRequired.check();
		PrintWriter out = spec.commandLine().getOut();
		String token = System.getenv("SETTLEMENT_API_TOKEN");
		boolean generated = token == null || token.isBlank();
		if (generated) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			token = HexFormat.of().formatHex(random);
		}
		List<String> arguments = new ArrayList<>(List.of("--spring.main.web-application-type=servlet",
				"--settle.serve.enabled=true", "--settle.api.token=" + token));
		if (port != null) {
			arguments.add("--server.port=" + port);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SettlementApplication.class)
			.run(arguments.toArray(String[]::new));
		Broker.check(context);
		ConsoleLog.showFrameworkWarnings();
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		out.println("settle serve: http://localhost:" + context.getEnvironment().getProperty("local.server.port")
				+ " (REST API, /openapi.yaml, /actuator/health, /actuator/prometheus); Ctrl-C to stop");
		if (generated) {
			out.println("API token (shown once; set SETTLEMENT_API_TOKEN to choose your own): " + token);
		}
		out.flush();
		closed.await();
		return ExitCodes.DONE;
	}

}
