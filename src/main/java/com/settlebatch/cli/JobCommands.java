package com.settlebatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

import com.settlebatch.batches.BatchQueries;
import com.settlebatch.drop.ReadyFiles;
import com.settlebatch.inbox.InboxImporter;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ingest.InputFolder;
import com.settlebatch.ops.ExitCodes;
import com.settlebatch.ops.JobControl;
import com.settlebatch.ops.OperationException;
import com.settlebatch.ops.SettlementJob;

/** The commands that launch or operate job executions. */
final class JobCommands {

	private JobCommands() {
	}

	@Command(name = "run", mixinStandardHelpOptions = true,
			description = "Import every file waiting in the input folder and the inbox table, then settle today: the main job.")
	static class Run implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Option(names = "--date", description = "Business date to settle (YYYY-MM-DD); default today.")
		LocalDate date;

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			OffsetDateTime started = OffsetDateTime.now();
			int exit = ExitCodes.DONE;
			List<Map<String, Object>> imports = new ArrayList<>();
			ReadyFiles readyFiles = AppContext.bean(ReadyFiles.class);
			for (Path file : AppContext.bean(InputFolder.class).waiting()) {
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("file", file.getFileName().toString());
				Optional<String> notReady = readyFiles.whyWaiting(file);
				if (notReady.isPresent()) {
					result.put("status", "WAITING");
					result.put("reason", notReady.get());
					imports.add(result);
					if (!output.json) {
						out.println("import " + result.get("file") + ": waiting, " + notReady.get());
					}
					continue;
				}
				try {
					JobExecution execution = AppContext.bean(FileImporter.class).importFile(file);
					readyFiles.imported(file);
					result.put("execution", execution.getId());
					result.put("status", execution.getStatus().name());
					exit = Math.max(exit, ExitCodes.of(execution));
				}
				catch (OperationException refused) {
					result.put("status", "REFUSED");
					result.put("reason", refused.getMessage());
					spec.commandLine().getErr().println("settle: " + refused.getMessage());
				}
				imports.add(result);
				if (!output.json) {
					out.println("import " + result.get("file") + ": " + result.get("status")
							+ (result.containsKey("execution") ? " (execution " + result.get("execution") + ")" : ""));
				}
			}
			JobExecution inboxRun = AppContext.bean(InboxImporter.class).drain();
			if (inboxRun != null) {
				exit = Math.max(exit, ExitCodes.of(inboxRun));
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("inbox", "payment_inbox");
				result.put("execution", inboxRun.getId());
				result.put("status", inboxRun.getStatus().name());
				imports.add(result);
				if (!output.json) {
					out.println("import payment_inbox: " + inboxRun.getStatus() + " (execution " + inboxRun.getId() + ")");
				}
			}
			JobExecution settlement = AppContext.bean(JobControl.class).settle(date == null ? LocalDate.now() : date);
			exit = Math.max(exit, ExitCodes.of(settlement));
			var closed = AppContext.bean(BatchQueries.class).closedSince(started);
			if (output.json) {
				output.json(out, Map.of("imports", imports, "settlement",
						Map.of("execution", settlement.getId(), "status", settlement.getStatus().name()), "closed",
						closed));
			}
			else {
				out.println("settlement " + SettlementJob.businessDate(settlement.getJobParameters()) + ": "
						+ settlement.getStatus() + " (execution " + settlement.getId() + ")");
				out.println();
				BatchCommands.printBatches(out, closed);
				BatchCommands.printAttention(out, AppContext.bean(BatchQueries.class), closed);
			}
			return exit;
		}

	}

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = "Import one CSV or JSON file now, or (--inbox) every NEW row of the payment_inbox table.")
	static class Import implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Parameters(paramLabel = "FILE", arity = "0..1", description = "The .csv or .json file.")
		Path file;

		@Option(names = "--inbox", description = "Import the NEW rows of the payment_inbox table instead of a file.")
		boolean inbox;

		@Override
		public Integer call() {
			if (inbox == (file != null)) {
				throw new ParameterException(spec.commandLine(), "give a FILE or --inbox (one of them)");
			}
			JobExecution execution = inbox ? AppContext.bean(InboxImporter.class).drain()
					: AppContext.bean(FileImporter.class).importFile(file);
			if (execution == null) {
				spec.commandLine().getOut().println("the inbox has no NEW row");
				return ExitCodes.DONE;
			}
			StatusCommands.printExecution(spec.commandLine().getOut(), output, execution.getId());
			return ExitCodes.of(execution);
		}

	}

	@Command(name = "settle", mixinStandardHelpOptions = true,
			description = "Run settlement for a business date: claim submitted batches, settle, close.")
	static class Settle implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Option(names = "--date", description = "Business date (YYYY-MM-DD); default today.")
		LocalDate date;

		@Override
		public Integer call() {
			JobExecution execution = AppContext.bean(JobControl.class).settle(date == null ? LocalDate.now() : date);
			StatusCommands.printExecution(spec.commandLine().getOut(), output, execution.getId());
			return ExitCodes.of(execution);
		}

	}

	/** Shared shape of restart/stop/abandon/recover: one execution id in, that execution out. */
	abstract static class Operate implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Parameters(paramLabel = "ID", description = "The job execution id (see `settle status`).")
		long id;

		abstract JobExecution operate(JobControl control);

		/** A restart runs the job, so its outcome is the exit code; the other operations only change a status. */
		boolean runsTheJob() {
			return false;
		}

		@Override
		public Integer call() {
			JobExecution execution = operate(AppContext.bean(JobControl.class));
			StatusCommands.printExecution(spec.commandLine().getOut(), output, execution.getId());
			return runsTheJob() ? ExitCodes.of(execution) : ExitCodes.DONE;
		}

	}

	@Command(name = "restart", mixinStandardHelpOptions = true,
			description = "Restart a failed or stopped execution from its last committed chunk.")
	static class Restart extends Operate {

		@Override
		JobExecution operate(JobControl control) {
			return control.restart(id);
		}

		@Override
		boolean runsTheJob() {
			return true;
		}

	}

	@Command(name = "stop", mixinStandardHelpOptions = true, description = "Ask a running execution to stop after its current chunk.")
	static class Stop extends Operate {

		@Override
		JobExecution operate(JobControl control) {
			return control.stop(id);
		}

	}

	@Command(name = "abandon", mixinStandardHelpOptions = true,
			description = "Abandon a stopped or failed execution: it will never be restarted.")
	static class Abandon extends Operate {

		@Override
		JobExecution operate(JobControl control) {
			return control.abandon(id);
		}

	}

	@Command(name = "recover", mixinStandardHelpOptions = true,
			description = { "Mark an execution left STARTED by a killed process as failed, so it can be restarted,",
					"and free its date's lease. Refused (exit 3) while its process lives: a settlement whose",
					"lease is renewed by a live process of this host, or of another host until the lease expires.",
					"An UNKNOWN execution (a commit whose outcome was never known) is made restartable the same way." })
	static class Recover extends Operate {

		@Override
		JobExecution operate(JobControl control) {
			return control.recover(id);
		}

	}

}
