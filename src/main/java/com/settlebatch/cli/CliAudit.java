package com.settlebatch.cli;

import java.util.Arrays;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import org.springframework.dao.DataAccessException;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Outcome;

/**
 * One audit row per command that changes something, under the OS user and this host, once
 * its exit code is known: OK for 0, else REFUSED with the code. A command refused before
 * it reached the database (bad usage, no gateway) changed nothing and is not recorded.
 * {@code settle token}, {@code submit}, {@code cancel} and a resolved reconciliation
 * exception record their own rows, in the transaction of their change (a refused one in a
 * transaction of its own), so they are not recorded here again.
 */
final class CliAudit {

	private static final Set<String> CHANGING = Set.of("run", "import", "settle", "restart", "stop", "abandon",
			"recover", "reconcile", "retention");

	private CliAudit() {
	}

	static void record(CommandLine commandLine, String[] args, int exit) {
		ParseResult parsed = commandLine.getParseResult();
		ParseResult command = parsed == null ? null : parsed.subcommand();
		if (command == null || !CHANGING.contains(command.commandSpec().name()) || command.isUsageHelpRequested()
				|| command.isVersionHelpRequested() || !AppContext.anyOpen()) {
			return;
		}
		String name = command.commandSpec().name();
		if (exit == ExitCodes.DONE && command.subcommand() != null
				&& "resolve".equals(command.subcommand().commandSpec().name())) {
			return;
		}
		String target = String.join(" ", Arrays.copyOfRange(args, 1, args.length));
		try {
			AppContext.query(Audit.class)
				.record(Actor.commandLine(), name, target.isEmpty() ? null : target,
						exit == ExitCodes.DONE ? Outcome.OK : Outcome.REFUSED,
						exit == ExitCodes.DONE ? null : "exit code " + exit);
		}
		catch (DataAccessException ex) {
			commandLine.getErr()
				.println("settle: could not record this command in the audit trail: " + ex.getMessage());
		}
	}

}
