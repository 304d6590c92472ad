package com.settlebatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

import com.settlebatch.SettlementApplication;
import com.settlebatch.logging.ConsoleLog;

/**
 * A worker of a cluster: settles the partitions managers send over RabbitMQ, until
 * stopped.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = {
		"Settle partitions of settlement passes sent by a manager over RabbitMQ until stopped (Ctrl-C).",
		"Needs the shared PostgreSQL database (SPRING_PROFILES_ACTIVE=postgres, SETTLE_DB_URL) and the broker",
		"(SPRING_RABBITMQ_HOST, _PORT, _USERNAME, _PASSWORD); takes settle.jobs.settlement.partitioning.threads",
		"partitions at a time. Launches no run, serves no API: see README, \"Settling on several machines\"." })
class WorkerCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		GatewayRequired.check();
		PrintWriter out = spec.commandLine().getOut();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SettlementApplication.class)
			.run("--settle.cluster.transport=rabbitmq", "--settle.cluster.role=worker");
		Broker.check(context);
		ConsoleLog.showFrameworkWarnings();
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		Environment environment = context.getEnvironment();
		out.println("settle worker: taking partitions from queue "
				+ environment.getProperty("settle.cluster.queue", "settle.partitions") + " at "
				+ environment.getProperty("spring.rabbitmq.host", "localhost") + ":"
				+ environment.getProperty("spring.rabbitmq.port", "5672") + ", "
				+ environment.getProperty("settle.jobs.settlement.partitioning.threads", "4")
				+ " at a time; Ctrl-C to stop");
		out.flush();
		closed.await();
		return ExitCodes.DONE;
	}

}
