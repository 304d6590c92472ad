package com.settlebatch.cli;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.settlebatch.alerts.AlertQueries;

/** {@code settle alerts}: the recorded alerts, newest first, with their deliveries. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
		description = "Recorded alerts, newest first, with each channel's delivery state.")
class AlertsCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--limit", defaultValue = "20", description = "How many alerts (default ${DEFAULT-VALUE}).")
	int limit;

	@Override
	public Integer call() {
		List<AlertQueries.AlertView> alerts = AppContext.query(AlertQueries.class).recent(limit);
		PrintWriter out = spec.commandLine().getOut();
		if (output.json) {
			output.json(out, alerts);
			return ExitCodes.DONE;
		}
		OutputOptions.table(out, List.of("ID", "RECORDED", "DELIVERY", "SUMMARY"),
				alerts.stream()
					.map(a -> List.<Object>of(a.id(), time(a.createdAt()), deliveries(a), a.summary()))
					.toList());
		return ExitCodes.DONE;
	}

	private static String deliveries(AlertQueries.AlertView alert) {
		if (alert.deliveries().isEmpty()) {
			return "no channel";
		}
		return alert.deliveries()
			.stream()
			.map(d -> d.channel() + " " + d.status() + "/" + d.attempts()
					+ (d.lastError() == null || "DELIVERED".equals(d.status()) ? "" : " (" + d.lastError() + ")"))
			.collect(Collectors.joining(", "));
	}

	private static String time(OffsetDateTime time) {
		return time == null ? "-" : TIME.format(time.atZoneSameInstant(ZoneId.systemDefault()));
	}

}
