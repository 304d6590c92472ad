package com.settlebatch.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
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

import org.springframework.batch.core.job.JobExecution;

import com.settlebatch.retention.ArchiveReader;
import com.settlebatch.retention.RetentionPlanner;
import com.settlebatch.retention.RetentionRunner;

/** {@code settle retention run} and {@code settle archive show}. */
final class RetentionCommands {

	private RetentionCommands() {
	}

	@Command(name = "retention", mixinStandardHelpOptions = true, subcommands = Run.class,
			description = "Archive and remove old closed batches, prune finished runs' metadata.")
	static class Retention {

	}

	@Command(name = "run", mixinStandardHelpOptions = true,
			description = { "Run the retention job now (see settle.retention.* for its ages and folder).",
					"--dry-run lists what it would archive and remove, and changes nothing." })
	static class Run implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Option(names = "--dry-run", description = "List what would be archived and removed; change nothing.")
		boolean dryRun;

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			if (dryRun) {
				printPlan(out, AppContext.bean(RetentionPlanner.class).plan(LocalDateTime.now()));
				return ExitCodes.DONE;
			}
			JobExecution execution = AppContext.bean(RetentionRunner.class).run();
			StatusCommands.printExecution(out, output, execution.getId());
			Failures.report(spec.commandLine().getErr(), execution);
			return ExitCodes.of(execution);
		}

		private void printPlan(PrintWriter out, RetentionPlanner.Plan plan) {
			if (output.json) {
				output.json(out, plan);
				return;
			}
			out.println("retention as of " + plan.asOf() + " (dry run: nothing changed)");
			out.println("archive, verify, then remove:");
			OutputOptions.table(out, List.of("BUSINESS_DATE", "BATCHES", "PAYMENTS"),
					plan.archive()
						.stream()
						.map(d -> List.<Object>of(d.businessDate(), d.batches(), d.payments()))
						.toList());
			out.println("archived dates still to remove: " + plan.archivedToRemove());
			out.println("job metadata to prune: " + plan.jobInstances() + " instances, " + plan.jobExecutions()
					+ " executions");
			out.println("work rows of settled dates: " + plan.workRows() + ", throttle slots: " + plan.throttleSlots());
			out.println("delivered alerts and reconciliation staging to purge: " + plan.ownedRows() + " rows");
		}

	}

	@Command(name = "archive", mixinStandardHelpOptions = true, subcommands = Show.class,
			description = "Read what retention archived.")
	static class Archive {

	}

	@Command(name = "show", mixinStandardHelpOptions = true,
			description = "Read a business date's archive, verify it against its manifest, print its batches and payments.")
	static class Show implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Parameters(paramLabel = "DATE", description = "The business date (YYYY-MM-DD).")
		LocalDate date;

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			ArchiveReader.ArchivedDate archive = AppContext.bean(ArchiveReader.class).show(date);
			if (output.json) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("businessDate", archive.businessDate().toString());
				json.put("verified", true);
				json.put("payments", archive.paymentSums());
				json.put("settled", archive.settledSums());
				json.put("batches", archive.batches());
				json.put("paymentRows", archive.payments());
				output.json(out, json);
				return ExitCodes.DONE;
			}
			out.println("archive " + archive.businessDate() + " in " + archive.folder()
					+ ": verified (SHA-256, rows, sums)");
			out.println("payments by currency: " + archive.paymentSums() + "; settled: " + archive.settledSums());
			out.println();
			OutputOptions.table(out, List.of("MERCHANT", "BATCHNUM", "NAME", "STATUS", "PAYMENTS", "SETTLED", "CLOSED"),
					rows(archive.batches(), "merchant_id", "batchnum", "name", "status", "payment_count",
							"settled_count", "closed"));
			out.println();
			OutputOptions.table(out,
					List.of("BATCH", "REFERENCE", "TYPE", "AMOUNT", "CURRENCY", "STATUS", "GATEWAY_ID"),
					rows(archive.payments(), "batch_id", "reference_id", "type", "amount", "currency", "status",
							"gateway_id"));
			return ExitCodes.DONE;
		}

		private static List<List<Object>> rows(List<Map<String, String>> rows, String... columns) {
			List<List<Object>> table = new ArrayList<>();
			for (Map<String, String> row : rows) {
				List<Object> cells = new ArrayList<>();
				for (String column : columns) {
					cells.add(row.get(column));
				}
				table.add(cells);
			}
			return table;
		}

	}

}
