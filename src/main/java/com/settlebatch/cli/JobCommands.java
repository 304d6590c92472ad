package com.settlebatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

import com.settlebatch.batches.BatchSummary;
import com.settlebatch.batches.PaymentView;
import com.settlebatch.inbox.InboxImporter;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;
import com.settlebatch.settlement.SettlementJob;
import com.settlebatch.run.ImportAndSettle;

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
			GatewayRequired.check();
			ImportAndSettle.Result result;
			try {
				result = AppContext.bean(ImportAndSettle.class).run(date == null ? LocalDate.now() : date);
			}
			catch (ImportAndSettle.Stopped stopped) {
				// The imports before the stop are committed: told first, then the stop
				// with its exit code.
				printImports(stopped.done());
				throw stopped.getCause();
			}
			printImports(result);
			PrintWriter out = spec.commandLine().getOut();
			JobExecution settlement = result.settlement();
			if (output.json) {
				output.json(out,
						Map.of("imports", importsAsJson(result), "settlement",
								Map.of("execution", settlement.getId(), "status", settlement.getStatus().name()),
								"closed", result.closed(), "reconciliation", reconciliationAsJson(result)));
			}
			else {
				out.println("settlement " + SettlementJob.businessDate(settlement.getJobParameters()) + ": "
						+ settlement.getStatus() + " (execution " + settlement.getId() + ")");
				out.println();
				BatchCommands.printBatches(out, result.closed());
				printAttention(out, result.attention());
				printReconciliation(out, result);
			}
			result.executions().forEach(execution -> Failures.report(spec.commandLine().getErr(), execution));
			return ExitCodes.of(result.executions());
		}

		private static Object reconciliationAsJson(ImportAndSettle.Result result) {
			if (result.reconciliation() == null) {
				return Map.of();
			}
			JobExecution execution = result.reconciliation().execution();
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("execution", execution.getId());
			json.put("status", execution.getStatus().name());
			if (result.reconciliation().summary() != null) {
				json.put("counts", result.reconciliation().summary().counts());
			}
			return json;
		}

		private static void printReconciliation(PrintWriter out, ImportAndSettle.Result result) {
			if (result.reconciliation() == null) {
				return;
			}
			out.println();
			if (result.reconciliation().summary() == null) {
				out.println("reconciliation: " + result.reconciliation().execution().getStatus() + " (execution "
						+ result.reconciliation().execution().getId() + ")");
				return;
			}
			ReconcileCommand.print(out, result.reconciliation().summary());
		}

		/** One line per import; a refused file's reason on stderr, with --json too. */
		private void printImports(ImportAndSettle.Result result) {
			PrintWriter out = spec.commandLine().getOut();
			for (ImportAndSettle.FileImport file : result.files()) {
				if (ImportAndSettle.FileImport.REFUSED.equals(file.status())) {
					spec.commandLine().getErr().println("settle: " + file.reason());
				}
				if (!output.json) {
					out.println(importLine(file));
				}
			}
			JobExecution inbox = result.inbox();
			if (inbox != null && !output.json) {
				out.println("import payment_inbox: " + inbox.getStatus() + " (execution " + inbox.getId() + ")");
			}
		}

		private static String importLine(ImportAndSettle.FileImport file) {
			if (ImportAndSettle.FileImport.WAITING.equals(file.status())) {
				return "import " + file.file() + ": waiting, " + file.reason();
			}
			return "import " + file.file() + ": " + file.status()
					+ (file.execution() != null ? " (execution " + file.execution().getId() + ")" : "");
		}

		private static List<Map<String, Object>> importsAsJson(ImportAndSettle.Result result) {
			List<Map<String, Object>> imports = new ArrayList<>();
			for (ImportAndSettle.FileImport file : result.files()) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("file", file.file());
				if (file.execution() != null) {
					json.put("execution", file.execution().getId());
				}
				json.put("status", file.status());
				if (file.reason() != null) {
					json.put("reason", file.reason());
				}
				imports.add(json);
			}
			if (result.inbox() != null) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("inbox", "payment_inbox");
				json.put("execution", result.inbox().getId());
				json.put("status", result.inbox().getStatus().name());
				imports.add(json);
			}
			return imports;
		}

		private static void printAttention(PrintWriter out, List<ImportAndSettle.Attention> attention) {
			if (attention.isEmpty()) {
				return;
			}
			out.println();
			out.println("payments that did not settle, or settled after retries:");
			OutputOptions.table(out, List.of("MERCHANT", "BATCHNUM", "REFERENCE", "STATUS", "ATTEMPTS", "HTTP", "ERROR",
					"REASON", "CORRELATION_ID"), attention.stream().map(a -> {
						BatchSummary b = a.batch();
						PaymentView p = a.payment();
						return List.<Object>of(b.merchantId(), b.batchnum(), p.referenceId(), p.status(), p.attempts(),
								p.httpStatus() == null ? "-" : p.httpStatus(),
								p.errorCode() == null ? "-" : p.errorCode(),
								p.errorMessage() == null ? "-" : p.errorMessage(),
								p.correlationId() == null ? "-" : p.correlationId());
					}).toList());
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
			int exit = ExitCodes.of(execution);
			// An unreadable file has no step worth a table: its reason is the whole
			// story.
			if (exit != ExitCodes.BAD_INPUT || output.json) {
				StatusCommands.printExecution(spec.commandLine().getOut(), output, execution.getId());
			}
			Failures.report(spec.commandLine().getErr(), execution);
			return exit;
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
			GatewayRequired.check();
			JobExecution execution = AppContext.bean(JobControl.class).settle(date == null ? LocalDate.now() : date);
			StatusCommands.printExecution(spec.commandLine().getOut(), output, execution.getId());
			Failures.report(spec.commandLine().getErr(), execution);
			return ExitCodes.of(execution);
		}

	}

	/**
	 * Shared shape of restart/stop/abandon/recover: one execution id in, that execution
	 * out.
	 */
	abstract static class Operate implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Parameters(paramLabel = "ID", description = "The job execution id (see `settle status`).")
		long id;

		abstract JobExecution operate(JobControl control);

		/**
		 * A restart runs the job, so its outcome is the exit code; the other operations
		 * only change a status.
		 */
		boolean runsTheJob() {
			return false;
		}

		@Override
		public Integer call() {
			JobExecution execution = operate(AppContext.bean(JobControl.class));
			StatusCommands.printExecution(spec.commandLine().getOut(), output, execution.getId());
			if (!runsTheJob()) {
				return ExitCodes.DONE;
			}
			Failures.report(spec.commandLine().getErr(), execution);
			return ExitCodes.of(execution);
		}

	}

	@Command(name = "restart", mixinStandardHelpOptions = true,
			description = "Restart a failed or stopped execution from its last committed chunk.")
	static class Restart extends Operate {

		@Override
		JobExecution operate(JobControl control) {
			GatewayRequired.check();
			return control.restart(id);
		}

		@Override
		boolean runsTheJob() {
			return true;
		}

	}

	@Command(name = "stop", mixinStandardHelpOptions = true,
			description = "Ask a running execution to stop after its current chunk.")
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
			description = { "Mark an execution left STARTED by a killed process as failed, so it can be restarted.",
					"Frees its date's lease too. Refused (exit 3) while its process lives: a settlement whose",
					"lease is renewed by a live process of this host, or of another host until the lease expires.",
					"An UNKNOWN execution (a commit whose outcome was never known) is made restartable the same way." })
	static class Recover extends Operate {

		@Override
		JobExecution operate(JobControl control) {
			return control.recover(id);
		}

	}

}
