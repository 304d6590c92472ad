package com.settlebatch.executions;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.step.StepExecution;

/**
 * The shared count of one step: its own, or all its partitions' on this node. Partitions
 * add to it from their own threads; whichever finds the interval over takes the next
 * line, and the others go on without waiting.
 */
final class ProgressGroup {

	private final String step;

	private final String unit;

	private final long startNanos;

	private final long intervalNanos;

	private final AtomicLong done = new AtomicLong();

	private final AtomicLong total = new AtomicLong(-1);

	private final AtomicLong nextLineNanos;

	/** Guarded by the {@link StepProgress} that hands the group out. */
	private int holders;

	/** A line was rewritten in place on the terminal: the last line goes below it. */
	private volatile boolean rewritten;

	/** What the partitions that ended here counted; guarded by this group. */
	private final long[] ended = new long[3];

	ProgressGroup(String step, String unit, long startNanos, Duration interval) {
		this.step = step;
		this.unit = unit;
		this.startNanos = startNanos;
		this.intervalNanos = interval.toNanos();
		this.nextLineNanos = new AtomicLong(startNanos + intervalNanos);
	}

	int hold(int change) {
		holders += change;
		return holders;
	}

	boolean totalKnown() {
		return total.get() >= 0;
	}

	void total(long expected) {
		total.compareAndSet(-1, expected);
	}

	/** Counts {@code items} more done, without a line: the step is ending. */
	void count(long items) {
		done.addAndGet(items);
	}

	void rewritten() {
		rewritten = true;
	}

	boolean wasRewritten() {
		return rewritten;
	}

	/**
	 * Counts {@code items} more done at {@code now}.
	 * @return the line to tell, when this call is the first since the interval ran out
	 */
	String add(long items, long now) {
		long count = done.addAndGet(items);
		long next = nextLineNanos.get();
		if (now - next < 0 || !nextLineNanos.compareAndSet(next, now + intervalNanos)) {
			return null;
		}
		return line(count, now);
	}

	synchronized void ended(StepExecution partition) {
		ended[0] += read(partition);
		ended[1] += partition.getWriteCount();
		ended[2] += partition.getSkipCount();
	}

	/**
	 * The last line, with the counts of {@code execution}: the step's own, or its
	 * manager's.
	 */
	String last(StepExecution execution, long now) {
		return last(read(execution), execution.getWriteCount(), execution.getSkipCount(), now);
	}

	/** The last line of a node that ran partitions without their manager step. */
	synchronized String lastOfPartitions(long now) {
		return last(ended[0], ended[1], ended[2], now);
	}

	private String last(long read, long written, long skipped, long now) {
		double seconds = seconds(now);
		return String.format(Locale.ROOT, "%s ended: %d %s read, %d written, %d skipped in %.1fs, %.1f/s", step, read,
				unit, written, skipped, seconds, read / seconds);
	}

	private String line(long count, long now) {
		double rate = count / seconds(now);
		long expected = total.get();
		if (expected < 0) {
			return String.format(Locale.ROOT, "%s %d %s, %.1f/s", step, count, unit, rate);
		}
		return String.format(Locale.ROOT, "%s %d/%d %s (%d%%), %.1f/s, ETA %s", step, count, expected, unit,
				expected == 0 ? 100 : Math.min(100, count * 100 / expected), rate,
				eta(Math.max(0, expected - count), rate));
	}

	private double seconds(long now) {
		return Math.max(1e-3, (now - startNanos) / 1e9);
	}

	/** Rows a reader could not parse are read too, as far as a person counts. */
	static long read(StepExecution execution) {
		return execution.getReadCount() + execution.getReadSkipCount();
	}

	private static String eta(long remaining, double rate) {
		if (rate <= 0) {
			return "?";
		}
		Duration left = Duration.ofMillis((long) (remaining / rate * 1000));
		return left.toHours() > 0 ? left.toHours() + "h" + left.toMinutesPart() + "m"
				: left.toMinutes() > 0 ? left.toMinutes() + "m" + left.toSecondsPart() + "s" : left.toSeconds() + "s";
	}

}
