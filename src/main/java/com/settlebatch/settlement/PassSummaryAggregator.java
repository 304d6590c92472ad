package com.settlebatch.settlement;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;

/**
 * Adds up a pass's partitions into its {@code settlePayments} step as Spring Batch does
 * (status, counts), and gives the step one summary line for the pass instead of one per
 * partition: Spring Batch joins the partitions' exit descriptions, so a pass of sixteen
 * partitions would read "settled=… retried-calls=…" sixteen times. Whatever else a
 * partition said (a failure) is kept.
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
		String rest = PARTITION_SUMMARY.matcher(joined.getExitDescription())
			.replaceAll("")
			.replaceAll("(;\\s*)+", "; ")
			.replaceAll("^;\\s*|;\\s*$", "");
		String total = SettlementRetryListener.summary(pass.getWriteCount(), pass.getWriteSkipCount(), retriedCalls);
		pass.setExitStatus(new ExitStatus(joined.getExitCode(), rest.isEmpty() ? total : total + "; " + rest));
	}

}
