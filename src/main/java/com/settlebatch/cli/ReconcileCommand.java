package com.settlebatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
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

import com.settlebatch.audit.Actor;
import com.settlebatch.reconciliation.ExceptionEntry;
import com.settlebatch.reconciliation.ReconciliationSummary;
import com.settlebatch.reconciliation.Reconciliations;

/**
 * {@code settle reconcile}: prove a date's payments against the gateway's charges, and
 * {@code settle reconcile resolve}: a person's answer to an exception. Thin: the work is
 * {@link Reconciliations}'.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true, subcommands = ReconcileCommand.Resolve.class,
		description = { "Reconcile a business date's payments with the gateway's charges.",
				"The gateway side is its report file input/gateway-reports/<date>.csv when one was delivered,",
				"else its list of charges. Each run is a new execution; the latest is the date's answer.",
				"Exit 0: everything matched (or every exception was resolved before); 4: exceptions found." })
class ReconcileCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--date", description = "Business date (YYYY-MM-DD); required.")
	LocalDate date;

	@Option(names = "--report",
			description = "Read this gateway report file instead of input/gateway-reports/<date>.csv or the gateway.")
	Path report;

	@Override
	public Integer call() {
		// Not required by picocli: a required option of this command would be asked of
		// `reconcile resolve` too.
		if (date == null) {
			throw new ParameterException(spec.commandLine(), "Missing required option: '--date=<date>'");
		}
		if (report == null) {
			GatewayRequired.check();
		}
		Reconciliations reconciliations = AppContext.bean(Reconciliations.class);
		Reconciliations.Outcome outcome = report == null ? reconciliations.reconcile(date)
				: reconciliations.reconcile(date, report);
		if (outcome.summary() == null) {
			StatusCommands.printExecution(spec.commandLine().getOut(), output, outcome.execution().getId());
			Failures.report(spec.commandLine().getErr(), outcome.execution());
			return ExitCodes.JOB_FAILED;
		}
		ReconciliationSummary summary = outcome.summary();
		PrintWriter out = spec.commandLine().getOut();
		if (output.json) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("businessDate", summary.businessDate().toString());
			json.put("executionId", summary.executionId());
			json.put("source", summary.source());
			json.put("counts", summary.counts());
			json.put("exceptions", summary.exceptions());
			output.json(out, json);
		}
		else {
			print(out, summary);
		}
		return summary.openExceptions() > 0 ? ExitCodes.NOT_FOUND : ExitCodes.DONE;
	}

	static void print(PrintWriter out, ReconciliationSummary summary) {
		out.println("reconciliation " + summary.businessDate() + " (execution " + summary.executionId() + ", from "
				+ summary.source() + "): " + summary.payments() + " payment(s), " + summary.charges()
				+ " gateway charge(s)");
		OutputOptions.table(out, List.of("CATEGORY", "COUNT"),
				summary.counts().entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList());
		if (summary.exceptions().isEmpty()) {
			return;
		}
		out.println();
		OutputOptions.table(out,
				List.of("ID", "CATEGORY", "REFERENCE", "OURS", "GATEWAY", "CHARGES", "CORRELATION_ID", "RESOLVED"),
				summary.exceptions().stream().map(ReconcileCommand::row).toList());
	}

	private static List<Object> row(ExceptionEntry e) {
		String ours = e.status() == null ? "-" : e.status() + " " + e.amount().toPlainString() + " " + e.currency();
		String theirs = e.gatewayStatus() == null ? "-"
				: e.gatewayStatus() + " " + e.gatewayAmount().toPlainString() + " " + e.gatewayCurrency();
		return java.util.Arrays.asList(e.id(), e.category(), e.referenceId(), ours, theirs, e.gatewayCharges(),
				e.correlationId(), e.open() ? "open" : "by " + e.resolvedBy() + ": " + e.remark());
	}

	@Command(name = "resolve", mixinStandardHelpOptions = true,
			description = "Resolve a reconciliation exception with a remark; it stays visible, resolved.")
	static class Resolve implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The exception's id (see `settle reconcile`).")
		long id;

		@Option(names = "--remark", required = true, description = "What was found or done, for the record.")
		String remark;

		@Override
		public Integer call() {
			Actor who = Actor.commandLine();
			AppContext.bean(Reconciliations.class).resolve(id, remark, who);
			spec.commandLine().getOut().println("reconciliation exception " + id + " resolved by " + who.name());
			return ExitCodes.DONE;
		}

	}

}
