package com.settlebatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.settlebatch.audit.AuditEvent;
import com.settlebatch.audit.AuditLog;

/** {@code settle audit}: the audit trail, newest first. */
@Command(name = "audit", mixinStandardHelpOptions = true,
		description = "Who did what, when, from where, with what outcome: the audit trail, newest first.")
class AuditCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--since", description = "From a date (2026-12-01), a time with its offset, or an age (24h, 7d).")
	String since;

	@Option(names = "--user", description = "Only this actor.")
	String user;

	@Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
	int limit;

	@Override
	public Integer call() {
		AuditLog log = AppContext.query(AuditLog.class);
		List<AuditEvent> events = log.list(log.since(since), user, limit);
		PrintWriter out = spec.commandLine().getOut();
		if (output.json) {
			output.json(out, events);
			return ExitCodes.DONE;
		}
		List<List<Object>> rows = new ArrayList<>();
		for (AuditEvent event : events) {
			rows.add(java.util.Arrays.asList(event.at(), event.actor(), event.role(), event.origin(), event.action(),
					event.target(), event.outcome(), event.host(), event.detail()));
		}
		OutputOptions.table(out,
				List.of("TIME", "ACTOR", "ROLE", "ORIGIN", "ACTION", "TARGET", "OUTCOME", "FROM", "DETAIL"), rows);
		return ExitCodes.DONE;
	}

}
