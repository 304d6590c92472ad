package com.settlebatch.settlement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;

/**
 * Adds up a pass's partitions into its {@code settlePayments} step as Spring Batch does
 * (status, counts), and gives the step one summary line for the pass instead of one per
 * partition: Spring Batch joins the partitions' exit descriptions, so a pass of sixteen
 * partitions would read "settled=… retried-calls=…" sixteen times. A pass with a failed
 * partition fails with why ({@link PassFailedException}): each reason its partitions
 * stored, said once, with the partitions it stopped.
 */
class PassSummaryAggregator implements StepExecutionAggregator {

	private static final Pattern PARTITION_SUMMARY = Pattern
		.compile("settled=\\d+ skipped\\(declined\\+failed\\)=\\d+ retried-calls=(\\d+)");

	private final StepExecutionAggregator sums = new DefaultStepExecutionAggregator();

	@Override
	public void aggregate(StepExecution pass, Collection<StepExecution> partitions) {
		sums.aggregate(pass, partitions);
		ExitStatus joined = pass.getExitStatus();
		long retriedCalls = 0;
		Matcher summary = PARTITION_SUMMARY.matcher(joined.getExitDescription());
		while (summary.find()) {
			retriedCalls += Long.parseLong(summary.group(1));
		}
		String rest = withoutSummaries(joined.getExitDescription());
		String total = SettlementRetryListener.summary(pass.getWriteCount(), pass.getWriteSkipCount(), retriedCalls);
		Map<String, List<String>> failed = failedPartitionsByReason(partitions);
		if (failed.isEmpty()) {
			pass.setExitStatus(new ExitStatus(joined.getExitCode(), rest.isEmpty() ? total : total + "; " + rest));
			return;
		}
		pass.setExitStatus(new ExitStatus(joined.getExitCode(), total));
		throw new PassFailedException(failed.entrySet()
			.stream()
			.map(reason -> reason.getKey() + " (partition" + (reason.getValue().size() > 1 ? "s " : " ")
					+ String.join(", ", reason.getValue()) + ")")
			.collect(Collectors.joining("; ")));
	}

	/**
	 * The failed partitions (a stopped pass is Spring Batch's to end) by the reason they
	 * stored, each named by its part of the pass.
	 */
	private static Map<String, List<String>> failedPartitionsByReason(Collection<StepExecution> partitions) {
		Map<String, List<String>> failed = new LinkedHashMap<>();
		partitions.stream()
			.filter(partition -> partition.getStatus().isGreaterThan(BatchStatus.STOPPED))
			.sorted(Comparator.comparing(StepExecution::getStepName))
			.forEach(partition -> {
				String reason = withoutSummaries(partition.getExitStatus().getExitDescription());
				failed.computeIfAbsent(reason.isEmpty() ? "it failed" : reason, any -> new ArrayList<>())
					.add(partition.getStepName().substring(partition.getStepName().indexOf(':') + 1));
			});
		return failed;
	}

	private static String withoutSummaries(String description) {
		return PARTITION_SUMMARY.matcher(description == null ? "" : description)
			.replaceAll("")
			.replaceAll("(;\\s*)+", "; ")
			.replaceAll("^;\\s*|;\\s*$", "");
	}

}
