package com.settlebatch.executions;

import java.util.function.LongSupplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * One step execution's part in its step's progress ({@link StepProgress}): before every
 * chunk, the items its execution counted since the last one go to the shared count. Read
 * from the execution, not from the chunks: rows rejected on the way count as done too,
 * and Spring Batch 6 calls no chunk listener after a chunk scanned item by item whose
 * item was skipped (it rolls back), only before it; a run whose every payment fails would
 * otherwise show no progress at all. The execution applies a chunk's counts after the
 * chunk, so the count trails by one chunk until the step ends. Register one per step
 * execution (step scope).
 */
public class ChunkProgress implements StepExecutionListener, ChunkListener<Object, Object> {

	private final StepProgress progress;

	/** The manager step, for a partition; null for a step that is not partitioned. */
	private final String managerStep;

	private final String unit;

	private final LongSupplier total;

	private StepExecution execution;

	private ProgressGroup group;

	private long reported;

	ChunkProgress(StepProgress progress, String managerStep, String unit, LongSupplier total) {
		this.progress = progress;
		this.managerStep = managerStep;
		this.unit = unit;
		this.total = total;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		execution = stepExecution;
		reported = 0;
		group = progress.join(stepExecution.getJobExecutionId(), step(), unit);
		if (total != null && !group.totalKnown()) {
			group.total(total.getAsLong());
		}
	}

	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		long seen = ProgressGroup.read(execution);
		progress.add(group, seen - reported);
		reported = seen;
	}

	/**
	 * The execution's last items count without a line of their own: the totals follow, at
	 * once or when the step's last partition ends.
	 */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		group.count(ProgressGroup.read(stepExecution) - reported);
		if (managerStep != null) {
			group.ended(stepExecution);
		}
		progress.leave(stepExecution.getJobExecutionId(), step(), managerStep == null ? stepExecution : null);
		return null;
	}

	private String step() {
		return managerStep != null ? managerStep : execution.getStepName();
	}

}
