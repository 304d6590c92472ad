package com.settlebatch.executions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Progress of the chunk steps by time, not by chunk: at most one line per step every
 * {@code settle.progress.interval}, whatever the chunk size or the number of partitions,
 * and one line with the step's totals when it ends. Counting chunks instead printed a
 * line per payment while a chunk with a decline was scanned (Spring Batch 6 writes such a
 * chunk again item by item, each item a chunk of its own), and a line per partition and
 * chunk otherwise.
 *
 * <p>
 * The partitions of a step add to one count, under their manager step's name, from
 * whatever thread settles them; the manager's listener opens that count and logs the
 * totals its partitions add up to. On a terminal the line is rewritten in place, at most
 * every second; anywhere else (a service, a pipe, CI) it is a log line. The live counts
 * stay where they always were: the step executions, read by {@code settle status} and the
 * dashboard.
 */
@Component
public class StepProgress {

	private static final Logger log = LoggerFactory.getLogger(StepProgress.class);

	/** A rewritten line adds nothing to the scroll-back: it may move more often. */
	private static final Duration TERMINAL_REFRESH = Duration.ofSeconds(1);

	private record Key(long jobExecutionId, String step) {
	}

	/** Guarded by this object: groups open and close once per step or partition. */
	private final Map<Key, ProgressGroup> groups = new HashMap<>();

	private final Duration interval;

	private final LongSupplier nanoTime;

	private final boolean terminal;

	@Autowired
	public StepProgress(ProgressProperties properties) {
		this(properties.interval(), System::nanoTime, System.console() != null);
	}

	StepProgress(Duration interval, LongSupplier nanoTime, boolean terminal) {
		this.interval = terminal && interval.compareTo(TERMINAL_REFRESH) > 0 ? TERMINAL_REFRESH : interval;
		this.nanoTime = nanoTime;
		this.terminal = terminal;
	}

	/**
	 * The listener of a step that is not partitioned, one per step execution (step
	 * scope).
	 * @param total counted before the step starts; null when unknown (a streamed file)
	 */
	public ChunkProgress step(String unit, LongSupplier total) {
		return new ChunkProgress(this, null, unit, total);
	}

	/**
	 * The listener of a partition of {@code managerStep}, one per partition (step scope).
	 * @param stepTotal the whole manager step's items, all partitions together
	 */
	public ChunkProgress partition(String managerStep, String unit, LongSupplier stepTotal) {
		return new ChunkProgress(this, managerStep, unit, stepTotal);
	}

	/**
	 * The listener of a manager step: holds its partitions' count open while it runs,
	 * then logs the totals they add up to (its own counts, once aggregated). One for
	 * every execution of the step, also at once (runs of two dates): it keeps nothing
	 * itself.
	 */
	public StepExecutionListener manager(String unit) {
		return new StepExecutionListener() {

			@Override
			public void beforeStep(StepExecution execution) {
				join(execution.getJobExecutionId(), execution.getStepName(), unit);
			}

			@Override
			public ExitStatus afterStep(StepExecution execution) {
				leave(execution.getJobExecutionId(), execution.getStepName(), execution);
				return null;
			}

		};
	}

	synchronized ProgressGroup join(long jobExecutionId, String step, String unit) {
		ProgressGroup group = groups.computeIfAbsent(new Key(jobExecutionId, step),
				key -> new ProgressGroup(step, unit, nanoTime.getAsLong(), interval));
		group.hold(1);
		return group;
	}

	/**
	 * Lets go of the group; the last to leave logs its totals: those of {@code owner}
	 * (the step or its manager), or, without one, those of the partitions that ended on
	 * this node.
	 */
	void leave(long jobExecutionId, String step, StepExecution owner) {
		ProgressGroup group;
		synchronized (this) {
			Key key = new Key(jobExecutionId, step);
			group = groups.get(key);
			if (group == null || group.hold(-1) > 0) {
				return;
			}
			groups.remove(key);
		}
		long now = nanoTime.getAsLong();
		if (group.wasRewritten()) {
			System.err.println();
		}
		log.info("progress: {}", owner != null ? group.last(owner, now) : group.lastOfPartitions(now));
	}

	void add(ProgressGroup group, long items) {
		String line = group.add(items, nanoTime.getAsLong());
		if (line == null) {
			return;
		}
		if (terminal) {
			group.rewritten();
			System.err.print("\r" + line + "    ");
			System.err.flush();
		}
		else {
			log.info("progress: {}", line);
		}
	}

}
