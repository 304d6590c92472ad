package com.settlebatch.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The one compare step, whatever the source: link the staged charges to payments, store
 * the result, drop the staging; one transaction, so a run has a whole result or none.
 * {@code READ_COUNT} is the charges compared, {@code WRITE_COUNT} the exceptions stored.
 */
class CompareTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(CompareTasklet.class);

	private final StagedCharges staged;

	private final ReconciliationResults results;

	private final Clock clock;

	private final LocalDate businessDate;

	private final String source;

	CompareTasklet(StagedCharges staged, ReconciliationResults results, Clock clock, LocalDate businessDate,
			String source) {
		this.staged = staged;
		this.results = results;
		this.clock = clock;
		this.businessDate = businessDate;
		this.source = source;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long executionId = contribution.getStepExecution().getJobExecutionId();
		long charges = staged.count(executionId);
		staged.link(executionId, businessDate);
		Map<String, Long> counts = results.record(executionId, businessDate, source, charges, clock.instant());
		staged.discard(executionId);
		long exceptions = counts.entrySet()
			.stream()
			.filter(entry -> !entry.getKey().equals(Category.MATCHED.name()))
			.mapToLong(Map.Entry::getValue)
			.sum();
		// A contribution counts reads singly; the step execution takes a total.
		contribution.getStepExecution().setReadCount(charges);
		contribution.incrementWriteCount(exceptions);
		String summary = counts.entrySet()
			.stream()
			.filter(entry -> entry.getValue() > 0)
			.map(entry -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		log.info("reconciliation {} (job execution {}): {} charge(s) from {}; {}", businessDate, executionId, charges,
				source, summary.isEmpty() ? "nothing to compare" : summary);
		return RepeatStatus.FINISHED;
	}

}
