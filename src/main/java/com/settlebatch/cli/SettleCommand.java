package com.settlebatch.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import com.settlebatch.refusal.RefusedException;

/**
 * The top-level {@code settle} command; each sub-command is one operation of the README's
 * "Command line" table.
 */
@Command(name = "settle", mixinStandardHelpOptions = true, version = "settle 0.1.0",
		description = "Imports, settles and closes batches of payments (Spring Batch).",
		subcommands = { JobCommands.Run.class, JobCommands.Import.class, JobCommands.Settle.class,
				JobCommands.Restart.class, JobCommands.Stop.class, JobCommands.Abandon.class, JobCommands.Recover.class,
				StatusCommands.Status.class, StatusCommands.Execution.class, BatchCommands.Batches.class,
				BatchCommands.Batch.class, BatchCommands.Payments.class, BatchCommands.Submit.class,
				BatchCommands.Cancel.class, ReconcileCommand.class, TokenCommands.class, AuditCommand.class,
				RetentionCommands.Retention.class, RetentionCommands.Archive.class, AlertsCommand.class,
				ServeCommand.class, WorkerCommand.class, SandboxCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:done", "1:the job failed, or the database or broker cannot be reached",
				"2:bad usage, bad input or configuration (e.g. an unreadable file, no gateway, the port taken)",
				"3:already running or already complete", "4:not found; for reconcile: exceptions found" })
public class SettleCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
	}

	public static int execute(String... args) {
		return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
	}

	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(new SettleCommand());
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
			RefusedException refusal = find(exception);
			if (refusal != null) {
				cmd.getErr().println("settle: " + refusal.getMessage());
				return ExitCodes.of(refusal);
			}
			return Failures.report(cmd.getErr(), cmd.getCommandName(), exception);
		});
		try {
			int exit = commandLine.execute(args);
			CliAudit.record(commandLine, args, exit);
			return exit;
		}
		finally {
			AppContext.closeAll();
		}
	}

	private static RefusedException find(Throwable exception) {
		for (Throwable t = exception; t != null; t = t.getCause()) {
			if (t instanceof RefusedException refusal) {
				return refusal;
			}
		}
		return null;
	}

}
