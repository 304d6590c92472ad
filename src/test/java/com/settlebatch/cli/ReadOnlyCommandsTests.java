package com.settlebatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.scheduling.TaskScheduler;

import com.settlebatch.batches.BatchQueries;
import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.gateway.GatewayClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only commands start only what they use: the database and the queries, Flyway
 * only while the schema is behind. No job launcher, no web server, no scheduler, no
 * integration flow, no broker, no gateway client, so they answer at once. The real
 * launcher on a throw-away H2 file database; every Spring context a command starts is
 * looked at while it is up.
 */
class ReadOnlyCommandsTests {

	@RegisterExtension
	static final ThrowAwayHome home = new ThrowAwayHome();

	/** What one context held when it had started. */
	record Started(boolean webServer, List<String> heavy, boolean flyway, boolean queries) {

		static Started of(ConfigurableApplicationContext context) {
			List<String> heavy = new ArrayList<>();
			for (Class<?> type : List.of(JobOperator.class, Job.class, TaskScheduler.class, IntegrationFlow.class,
					RabbitTemplate.class, GatewayClient.class)) {
				if (context.getBeanNamesForType(type, true, false).length > 0) {
					heavy.add(type.getSimpleName());
				}
			}
			return new Started(context instanceof WebServerApplicationContext, heavy,
					context.getBeanNamesForType(Flyway.class).length > 0,
					context.getBeanNamesForType(ExecutionQueries.class).length == 1
							&& context.getBeanNamesForType(BatchQueries.class).length == 1);
		}

	}

	/** Runs the command and records every context it started. */
	private static SettleRun run(List<Started> started, String... args) {
		SettleRun[] run = new SettleRun[1];
		SpringApplication.withHook(application -> new SpringApplicationRunListener() {
			@Override
			public void started(ConfigurableApplicationContext context, Duration timeTaken) {
				started.add(Started.of(context));
			}
		}, () -> run[0] = SettleRun.of(args));
		return run[0];
	}

	@Test
	void givenANewDatabaseWhenAReadOnlyCommandRunsThenItMigratesFirstWithoutStartingTheJobs() {
		// given a home without a database

		// when a read-only command runs
		List<Started> started = new ArrayList<>();
		SettleRun batches = run(started, "batches", "--json");

		// then it migrated the schema in a lean context and answered
		assertThat(batches.exit()).as(batches.err()).isZero();
		assertThat(batches.out()).contains("\"total\" : 0");
		assertThat(started).last().satisfies(context -> {
			assertThat(context.flyway()).isTrue();
			assertThat(context.heavy()).isEmpty();
			assertThat(context.webServer()).isFalse();
		});
	}

	@Test
	void givenACurrentSchemaWhenEachReadOnlyCommandRunsThenOnlyTheDatabaseAndTheQueriesStart() throws Exception {
		// given a migrated database holding one import
		Path file = home.resolve("merchants-2026-11-21.csv");
		Files.copy(Path.of("input/samples/merchants-2026-11-21.csv"), file);
		SettleRun imported = SettleRun.of("import", file.toString());
		assertThat(imported.exit()).as(imported.err()).isZero();
		long executionId = Long.parseLong(imported.out().split("\\s+")[1]);

		// when each read-only command runs
		List<Started> started = new ArrayList<>();
		SettleRun status = run(started, "status");
		SettleRun execution = run(started, "execution", String.valueOf(executionId));
		SettleRun unknownExecution = run(started, "execution", "987654");
		SettleRun batches = run(started, "batches");
		SettleRun batch = run(started, "batch", "no-such-batch");
		SettleRun payments = run(started, "payments", "no-such-batch");

		// then each answered as before, from one lean context without migrations
		assertThat(status.exit()).as(status.err()).isZero();
		assertThat(status.out()).contains("import", "COMPLETED");
		assertThat(execution.exit()).as(execution.err()).isZero();
		assertThat(execution.out()).contains("execution " + executionId + "  import  COMPLETED", "importPayments");
		assertThat(unknownExecution.exit()).isEqualTo(4);
		assertThat(unknownExecution.err()).contains("no job execution with id 987654");
		assertThat(batches.exit()).as(batches.err()).isZero();
		assertThat(batches.out()).contains("merchant-acme");
		assertThat(batch.exit()).isEqualTo(4);
		assertThat(payments.exit()).isEqualTo(4);
		assertThat(started).hasSize(6).allSatisfy(context -> {
			assertThat(context.heavy()).as("heavy beans").isEmpty();
			assertThat(context.webServer()).isFalse();
			assertThat(context.flyway()).as("Flyway on a current schema").isFalse();
			assertThat(context.queries()).isTrue();
		});
	}

}
