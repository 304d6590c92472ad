package com.settlebatch.executions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress by time, not by chunk, on a clock the test moves: nothing here sleeps.
 */
class StepProgressTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final StepProgress progress = new StepProgress(INTERVAL, nanos::get, false);

	private final JobExecution job = new JobExecution(7L, new JobInstance(3L, "settlement"), new JobParameters());

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(StepProgress.class);

	@BeforeEach
	void capture() {
		logged.start();
		logger.addAppender(logged);
	}

	@AfterEach
	void release() {
		logger.detachAppender(logged);
	}

	@Test
	void aStepOfAChunkASecondForAMinuteLogsOneLinePerIntervalAndALastLineWithItsTotals() {
		// given a step of 600 payments read in chunks of 10, one chunk a second
		StepExecution step = new StepExecution(11L, "importPayments", job);
		ChunkProgress listener = progress.step("rows", () -> 600);
		listener.beforeStep(step);

		// when it runs for a minute
		for (int second = 1; second <= 60; second++) {
			nanos.addAndGet(Duration.ofSeconds(1).toNanos());
			chunk(step, listener, 10, 0);
		}
		listener.afterStep(step);

		// then a line at 10, 20 ... 60 s, each no older than a chunk, and the totals
		assertThat(lines()).hasSize(7);
		assertThat(lines().get(0)).isEqualTo("progress: importPayments 90/600 rows (15%), 9.0/s, ETA 56s");
		assertThat(lines().get(6))
			.isEqualTo("progress: importPayments ended: 600 rows read, 600 written, 0 skipped in 60.0s, 10.0/s");
	}

	@Test
	void aChunkScannedItemByItemWithinTheIntervalLogsOnlyTheLastLine() {
		// given a step whose chunk of 100 failed and is written again item by item, each
		// item a chunk of its own
		StepExecution step = new StepExecution(12L, "importPayments", job);
		ChunkProgress listener = progress.step("rows", null);
		listener.beforeStep(step);

		// when the 100 one-item chunks end within 9 s
		for (int item = 0; item < 100; item++) {
			nanos.addAndGet(Duration.ofMillis(90).toNanos());
			chunk(step, listener, 1, item % 30 == 0 ? 1 : 0);
		}
		listener.afterStep(step);

		// then the step tells its totals once, and nothing per item
		assertThat(lines()).containsExactly(
				"progress: importPayments ended: 100 rows read, 96 written, 4 skipped " + "in 9.0s, 11.1/s");
	}

	@Test
	void thePartitionsOfAStepShareOneLinePerIntervalAndTheManagerTellsTheirTotalsOnce() {
		// given a pass of 900 payments cut in three partitions, each on its own listener
		StepExecution manager = new StepExecution(20L, "settlePayments", job);
		StepExecutionListener managerListener = progress.manager("payments");
		managerListener.beforeStep(manager);
		List<StepExecution> partitions = new ArrayList<>();
		List<ChunkProgress> listeners = new ArrayList<>();
		for (int k = 1; k <= 3; k++) {
			partitions.add(new StepExecution(20L + k, "settlePaymentsWorker:pass1.part00" + k, job));
			listeners.add(progress.partition("settlePayments", "payments", () -> 900));
			listeners.get(k - 1).beforeStep(partitions.get(k - 1));
		}

		// when each commits a chunk of 10 every second, for 30 s
		for (int second = 1; second <= 30; second++) {
			nanos.addAndGet(Duration.ofSeconds(1).toNanos());
			for (int k = 0; k < 3; k++) {
				chunk(partitions.get(k), listeners.get(k), 10, 0);
			}
		}
		for (int k = 0; k < 3; k++) {
			listeners.get(k).afterStep(partitions.get(k));
		}
		manager.setReadCount(900);
		manager.setWriteCount(890);
		manager.setWriteSkipCount(10);
		managerListener.afterStep(manager);

		// then one line every 10 s for the three, named after the manager (the first
		// partition's chunk of that second has just been counted, the others' not yet),
		// and one last line
		assertThat(lines()).containsExactly("progress: settlePayments 250/900 payments (27%), 25.0/s, ETA 26s",
				"progress: settlePayments 550/900 payments (61%), 27.5/s, ETA 12s",
				"progress: settlePayments 850/900 payments (94%), 28.3/s, ETA 1s",
				"progress: settlePayments ended: 900 payments read, 890 written, 10 skipped in 30.0s, 30.0/s");
	}

	@Test
	void partitionsSettledWithoutTheirManagerTellTheirOwnTotalsWhenTheLastEnds() {
		// given two partitions of a step whose manager runs on another node
		StepExecution first = new StepExecution(31L, "settlePaymentsWorker:pass1.part001", job);
		StepExecution second = new StepExecution(32L, "settlePaymentsWorker:pass1.part002", job);
		ChunkProgress firstListener = progress.partition("settlePayments", "payments", () -> 40);
		ChunkProgress secondListener = progress.partition("settlePayments", "payments", () -> 40);
		firstListener.beforeStep(first);
		secondListener.beforeStep(second);

		// when they end one after the other
		nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		chunk(first, firstListener, 20, 1);
		firstListener.afterStep(first);
		chunk(second, secondListener, 20, 0);
		secondListener.afterStep(second);

		// then only the last to end tells the totals, of both
		assertThat(lines())
			.containsExactly("progress: settlePayments ended: 40 payments read, 39 written, 1 skipped in 2.0s, 20.0/s");
	}

	@Test
	void twoRunsAtOnceKeepTheirOwnCountsThroughOneManagerListener() {
		// given the manager step's one listener, used by runs of two dates at once
		StepExecutionListener managerListener = progress.manager("payments");
		JobExecution other = new JobExecution(8L, new JobInstance(4L, "settlement"), new JobParameters());
		StepExecution first = new StepExecution(50L, "settlePayments", job);
		StepExecution second = new StepExecution(60L, "settlePayments", other);
		managerListener.beforeStep(first);
		managerListener.beforeStep(second);
		StepExecution firstPartition = new StepExecution(51L, "settlePaymentsWorker:pass1.part001", job);
		StepExecution secondPartition = new StepExecution(61L, "settlePaymentsWorker:pass1.part001", other);
		ChunkProgress firstListener = progress.partition("settlePayments", "payments", () -> 5);
		ChunkProgress secondListener = progress.partition("settlePayments", "payments", () -> 7);
		firstListener.beforeStep(firstPartition);
		secondListener.beforeStep(secondPartition);

		// when the first run ends before the second
		nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		chunk(firstPartition, firstListener, 5, 0);
		firstListener.afterStep(firstPartition);
		first.setReadCount(5);
		first.setWriteCount(5);
		managerListener.afterStep(first);
		chunk(secondPartition, secondListener, 7, 0);
		secondListener.afterStep(secondPartition);
		second.setReadCount(7);
		second.setWriteCount(7);
		managerListener.afterStep(second);

		// then each run tells its own totals, once
		assertThat(lines()).containsExactly(
				"progress: settlePayments ended: 5 payments read, 5 written, 0 skipped in 1.0s, 5.0/s",
				"progress: settlePayments ended: 7 payments read, 7 written, 0 skipped in 1.0s, 7.0/s");
	}

	@Test
	void manyThreadsPastTheIntervalAtOnceLogOneLine() throws Exception {
		// given a step whose interval has just run out
		StepExecution manager = new StepExecution(40L, "settlePayments", job);
		StepExecutionListener managerListener = progress.manager("payments");
		managerListener.beforeStep(manager);
		ProgressGroup group = progress.join(job.getId(), "settlePayments", "payments");
		nanos.addAndGet(INTERVAL.toNanos());

		// when eight threads report 1000 chunks each, all at once
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			done.add(threads.submit(() -> {
				start.await();
				for (int i = 0; i < 1000; i++) {
					progress.add(group, 1);
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get(30, TimeUnit.SECONDS);
		}
		threads.shutdown();

		// then exactly one of them logged
		assertThat(lines()).hasSize(1).allMatch(line -> line.startsWith("progress: settlePayments "));
	}

	/**
	 * What a chunk step does to its execution and listeners for one chunk: the listener
	 * hears of it first, its counts are applied after.
	 */
	private static void chunk(StepExecution step, ChunkProgress listener, int items, int skipped) {
		listener.beforeChunk(new Chunk<>());
		step.setReadCount(step.getReadCount() + items);
		step.setWriteCount(step.getWriteCount() + items - skipped);
		step.setWriteSkipCount(step.getWriteSkipCount() + skipped);
	}

	private List<String> lines() {
		return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
