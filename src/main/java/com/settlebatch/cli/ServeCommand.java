package com.settlebatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
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
import org.springframework.core.env.Environment;

import com.settlebatch.SettlementApplication;
import com.settlebatch.logging.ConsoleLog;
import com.settlebatch.security.ApiTokens;

/**
 * The service: nightly scheduler, file-drop watcher, inbox poller and REST API, until
 * stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Run the service until stopped (Ctrl-C): scheduler, file drop, inbox, REST API and dashboard.",
				"Nightly settlement on the cron of jobs/settlement.yml, file drop on the input folder, the inbox",
				"table, the REST API and /actuator/health|prometheus.",
				"The API wants `Authorization: Bearer <token>`: a person's own (settle token create),",
				"a JWT of the identity provider (settle.auth.jwt), or the service account's (SETTLE_SERVICE_TOKEN)." })
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
		String shared = System.getenv("SETTLEMENT_API_TOKEN");
		if (shared != null && !shared.isBlank()) {
			// One token for everybody named nobody: it is not read any more, and
			// saying so beats a silent 401 for every client that still sends it.
			spec.commandLine()
				.getErr()
				.println("settle serve: SETTLEMENT_API_TOKEN is no longer read. People: `settle token create "
						+ "--user NAME --role ROLE`; a machine: SETTLE_SERVICE_TOKEN with SETTLE_SERVICE_NAME and "
						+ "SETTLE_SERVICE_ROLE (README \"Running it as a service\").");
		}
		List<String> arguments = new ArrayList<>(
				List.of("--spring.main.web-application-type=servlet", "--settle.serve.enabled=true"));
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
		if (nobodyCanSignIn(context)) {
			out.println("Nobody can sign in yet: make the first admin token with "
					+ "`settle token create --user you --role admin` (README \"Running it as a service\").");
		}
		out.flush();
		closed.await();
		return ExitCodes.DONE;
	}

	private static boolean nobodyCanSignIn(ConfigurableApplicationContext context) {
		Environment environment = context.getEnvironment();
		return context.getBean(ApiTokens.class).active() == 0
				&& environment.getProperty("settle.auth.service-account.token", "").isBlank()
				&& environment.getProperty("settle.auth.jwt.issuer-uri", "").isBlank()
				&& environment.getProperty("settle.auth.jwt.jwk-set-uri", "").isBlank();
	}

}
