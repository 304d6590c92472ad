package com.settlebatch.cli;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.repository.JobRepository;

import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.ops.JobControl;

/** Job status straight from the Spring Batch metadata tables. */
final class StatusCommands {

	private StatusCommands() {
	}

	@Command(name = "status", mixinStandardHelpOptions = true,
			description = "Recent job executions with their step counts, newest first.")
	static class Status implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Option(names = "--job", description = "Only this job (import, settlement).")
		String job;

		@Option(names = "--limit", defaultValue = "20", description = "How many executions (default ${DEFAULT-VALUE}).")
		int limit;

		@Override
		public Integer call() {
			var rows = AppContext.query(ExecutionQueries.class).recent(job, limit);
			PrintWriter out = spec.commandLine().getOut();
			if (output.json) {
				output.json(out, rows);
				return ExitCodes.DONE;
			}
			OutputOptions.table(out,
					List.of("ID", "JOB", "STATUS", "START", "END", "PARAMETERS",
							"STEPS (READ/WRITTEN/SKIPPED/ROLLBACKS)"),
					rows.stream()
						.map(r -> List.<Object>of(r.id(), r.job(), r.status(), time(r.start()), time(r.end()),
								r.parameters(), steps(r.steps())))
						.toList());
			rows.stream()
				.filter(r -> r.waitingForWorkerSince() != null)
				.forEach(r -> out.println(waiting(r.id(), r.waitingForWorkerSince())));
			return ExitCodes.DONE;
		}

	}

	@Command(name = "execution", mixinStandardHelpOptions = true,
			description = "One execution: parameters, steps, counts, failures.")
	static class Execution implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Parameters(paramLabel = "ID", description = "The job execution id.")
		long id;

		@Override
		public Integer call() {
			JobControl.execution(AppContext.query(JobRepository.class), id);
			printExecution(spec.commandLine().getOut(), output, id);
			return ExitCodes.DONE;
		}

	}

	static void printExecution(PrintWriter out, OutputOptions output, long id) {
		var execution = JobControl.execution(AppContext.query(JobRepository.class), id);
		var steps = AppContext.query(ExecutionQueries.class).steps(id);
		String parameters = AppContext.query(ExecutionQueries.class).parameters(id);
		String failure = execution.getExitStatus().getExitDescription();
		OffsetDateTime waiting = execution.isRunning()
				? AppContext.query(ExecutionQueries.class).waitingForWorkerSince(id).orElse(null) : null;
		if (output.json) {
			Map<String, Object> json = new LinkedHashMap<>(
					Map.of("id", id, "job", execution.getJobInstance().getJobName(), "status",
							execution.getStatus().name(), "exitCode", execution.getExitStatus().getExitCode(),
							"parameters", parameters, "steps", steps, "failure", failure == null ? "" : failure));
			if (waiting != null) {
				json.put("waitingForWorkerSince", waiting);
			}
			output.json(out, json);
			return;
		}
		out.println("execution " + id + "  " + execution.getJobInstance().getJobName() + "  " + execution.getStatus()
				+ "  (" + parameters + ")");
		OutputOptions.table(out,
				List.of("STEP", "STATUS", "READ", "FILTERED", "WRITTEN", "READ_SKIP", "PROCESS_SKIP", "WRITE_SKIP",
						"COMMITS", "ROLLBACKS", "EXIT_MESSAGE"),
				steps.stream()
					.map(s -> List.<Object>of(s.step(), s.status(), s.read(), s.filtered(), s.written(), s.readSkips(),
							s.processSkips(), s.writeSkips(), s.commits(), s.rollbacks(), firstLine(s.exitMessage())))
					.toList());
		if (execution.getStatus().isUnsuccessful() && failure != null && !failure.isBlank()) {
			out.println("failure: " + firstLine(failure));
		}
		if (waiting != null) {
			out.println(waiting(id, waiting));
		}
	}

	/**
	 * A run whose partitions no worker takes (a cluster's manager with no
	 * {@code settle worker} running).
	 */
	private static String waiting(long id, OffsetDateTime since) {
		return "execution " + id + " is waiting for a worker since " + time(since)
				+ ": no worker has taken its partitions (start one with `settle worker`)";
	}

	/** This machine's wall-clock time, as an operator at its terminal reads it. */
	private static String time(java.time.OffsetDateTime time) {
		return time == null ? "-" : time.atZoneSameInstant(java.time.ZoneId.systemDefault())
			.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
	}

	/**
	 * Each step's own counts: the steps count different things (payments, batches), so a
	 * total over them would mean nothing.
	 */
	private static String steps(List<ExecutionQueries.StepCounts> steps) {
		return steps.stream()
			.map(s -> s.step() + " " + s.read() + "/" + s.written() + "/" + s.skipped() + "/" + s.rollbacks())
			.collect(java.util.stream.Collectors.joining(", "));
	}

	private static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String line = text.strip().lines().findFirst().orElse("");
		return line.length() > 160 ? line.substring(0, 157) + "..." : line;
	}

}
