package com.settlebatch.executions;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Progress of a chunk step after every chunk: done/total, rate and ETA. On a terminal it
 * is one line rewritten in place; otherwise (a service, a pipe, CI) a structured log line
 * per chunk. Register one per step execution (step scope): it counts that execution's
 * items. The partitions of a partitioned step each report their own line, named after the
 * partition, one under the other (several threads cannot share one rewritten line).
 */
public class ChunkProgress implements StepExecutionListener, ChunkListener<Object, Object> {

	private static final Logger log = LoggerFactory.getLogger(ChunkProgress.class);

	private final String unit;

	private final LongSupplier total;

	private final boolean console = System.console() != null;

	private boolean terminal;

	private String prefix;

	private long expected;

	private long done;

	private long startNanos;

	/**
	 * @param total counted before the step starts; null when unknown (a streamed file)
	 */
	public ChunkProgress(String unit, LongSupplier total) {
		this.unit = unit;
		this.total = total;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		expected = total == null ? -1 : total.getAsLong();
		boolean partition = stepExecution.getStepName().contains(":");
		terminal = console && !partition;
		prefix = partition ? stepExecution.getStepName() + " " : "";
		done = 0;
		startNanos = System.nanoTime();
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		done += chunk.size();
		double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
		double rate = done / seconds;
		String line = prefix + (expected < 0 ? String.format(Locale.ROOT, "%d %s, %.1f/s", done, unit, rate)
				: String.format(Locale.ROOT, "%d/%d %s (%d%%), %.1f/s, ETA %s", done, expected, unit,
						expected == 0 ? 100 : Math.min(100, done * 100 / expected), rate,
						eta(Math.max(0, expected - done), rate)));
		if (terminal) {
			System.err.print("\r" + line + "    ");
			System.err.flush();
		}
		else {
			log.info("progress: {}", line);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (terminal && done > 0) {
			System.err.println();
		}
		return null;
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
