package com.settlebatch.settlement;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.batches.BatchCloser;
import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.cluster.PartitionedSteps;
import com.settlebatch.executions.ChunkProgress;
import com.settlebatch.executions.FailureReason;
import com.settlebatch.executions.StepProgress;
import com.settlebatch.gateway.GatewayClient;
import com.settlebatch.gateway.PaymentCall;
import com.settlebatch.reports.SettlementReports;

/**
 * The settlement job: claim SUBMITTED batches → settle their PENDING payments at the
 * gateway → close every batch left with no PENDING payment. {@code businessDate} is its
 * only, identifying parameter and there is deliberately no incrementer: the run for a
 * date happens once, and a failed one is restarted rather than started anew. Declared in
 * run order, each step after the beans it runs, the job last.
 */
@Configuration(proxyBeanMethods = false)
class SettlementJobConfig {

	private static final String BUSINESS_DATE = "#{jobParameters['" + SettlementJob.BUSINESS_DATE + "']}";

	private static final String SETTLE_PAYMENTS = "settlePayments";

	/** Batches closed per transaction. */
	private static final int CLOSE_CHUNK = 100;

	// claimBatches

	@Bean
	@StepScope
	ClaimBatchesTasklet claimBatchesTasklet(BatchRepository batchRepository, SettlementWork work,
			@Value(BUSINESS_DATE) LocalDate businessDate) {
		return new ClaimBatchesTasklet(batchRepository, work, businessDate);
	}

	@Bean
	Step claimBatchesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ClaimBatchesTasklet claimBatchesTasklet) {
		return new StepBuilder("claimBatches", jobRepository).tasklet(claimBatchesTasklet, transactionManager).build();
	}

	// settlePayments: a manager step whose partitions each run settlePaymentsWorker

	@Bean
	@StepScope
	SettlementPartitioner settlementPartitioner(SettlementWork work, @Value(BUSINESS_DATE) LocalDate businessDate) {
		return new SettlementPartitioner(work, businessDate);
	}

	@Bean
	static ConnectionPoolSizing connectionPoolSizing(Environment environment) {
		return new ConnectionPoolSizing(environment);
	}

	/** This node's partitions at once, under the transport local; idle on a cluster. */
	@Bean
	ThreadPoolTaskExecutor settlementThreads(SettlementJobProperties properties) {
		ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
		threads.setCorePoolSize(properties.partitioning().threads());
		threads.setMaxPoolSize(properties.partitioning().threads());
		threads.setThreadNamePrefix("settle-partition-");
		// A pass waits for its partitions; at shutdown, so does the pool.
		threads.setWaitForTasksToCompleteOnShutdown(true);
		return threads;
	}

	/** The partition's range of the current pass, as committed with the pass. */
	@Bean
	@StepScope
	PendingPaymentReader pendingPaymentReader(JdbcClient jdbc, @Value(BUSINESS_DATE) LocalDate businessDate,
			@Value("#{stepExecutionContext['pass']}") int pass,
			@Value("#{stepExecutionContext['fromOrd']}") long fromOrd,
			@Value("#{stepExecutionContext['toOrd']}") long toOrd, SettlementJobProperties properties,
			BatchRepository batchRepository) {
		return new PendingPaymentReader(jdbc, batchRepository.isPostgres(), businessDate, pass, fromOrd, toOrd,
				properties.chunkSize());
	}

	/**
	 * The writer's and the retry listener's memory of the chunk, one per step execution.
	 * Without a scoped proxy: only step-scoped beans take it, created inside their step,
	 * and the writer asks it several times per payment, where a proxy would look the
	 * target up in the step scope at every call.
	 */
	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.NO)
	ChunkOutcomes chunkOutcomes() {
		return new ChunkOutcomes();
	}

	@Bean
	@StepScope
	GatewaySettlementWriter gatewaySettlementWriter(GatewayClient gatewayClient, ChunkOutcomes chunkOutcomes,
			PaymentRepository paymentRepository, Clock clock, SettlementJobProperties properties) {
		return new GatewaySettlementWriter(gatewayClient, chunkOutcomes, paymentRepository, clock,
				properties.uniqueKeyValidity(), properties.reconcileBeforeExpiry(), properties.skipLimit());
	}

	@Bean
	@StepScope
	SettlementRetryListener settlementRetryListener(ChunkOutcomes chunkOutcomes) {
		return new SettlementRetryListener(chunkOutcomes);
	}

	/**
	 * The partitions of a pass count into one progress line, named after the manager
	 * step; total: the payments of the pass.
	 */
	@Bean
	@StepScope
	ChunkProgress settlementProgress(StepProgress progress, SettlementWork work,
			@Value(BUSINESS_DATE) LocalDate businessDate) {
		return progress.partition(SETTLE_PAYMENTS, "payments", () -> work.current(businessDate).size());
	}

	/**
	 * A partition of a pass: its payments in chunks, each chunk one transaction, sent as
	 * {@code /batch/create} calls. The bean carries the step's name: a partition request
	 * from a cluster's manager names the step to run by its bean name.
	 */
	@Bean
	Step settlePaymentsWorker(PartitionedSteps partitionedSteps, PlatformTransactionManager transactionManager,
			PendingPaymentReader pendingPaymentReader, GatewaySettlementWriter gatewaySettlementWriter,
			SettlementRetryListener settlementRetryListener, ChunkProgress settlementProgress,
			SettlementJobProperties properties) {
		return partitionedSteps.worker("settlePaymentsWorker", properties.partitioning().threads())
			.<PendingPayment, PaymentCall>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(pendingPaymentReader)
			.processor(new PaymentCallProcessor())
			.writer(gatewaySettlementWriter)
			.faultTolerant()
			.retryPolicy(properties.retry().policy())
			.retryListener(settlementRetryListener)
			// Only TransientGatewayException is skippable: exhausted retries lead to a
			// chunk scan in which the writer stores the payments FAILED. Declines and
			// failures are no exceptions: the writer counts them (DecidedPayments),
			// which also applies the skip limit.
			.skipPolicy(new LimitCheckingExceptionHierarchySkipPolicy(Set.of(TransientGatewayException.class),
					properties.skipLimit()))
			// The writer's chunk callbacks need no .listener(...): the builder registers
			// a writer that is a listener.
			.listener(settlementRetryListener)
			// Up to Batch 6.0.2, listener(StepExecutionListener) won the overload and
			// dropped the chunk callbacks;
			// 6.0.3 registers every callback (#5094). The cast is kept: it says which
			// listener this is.
			.listener((StepListener) settlementProgress)
			.build();
	}

	/**
	 * One pass, cut into partitions ({@link SettlementPartitioner}) settled at once: on
	 * this node's threads, or by the workers of a cluster
	 * ({@code settle.cluster.transport}). The totals of its partitions add up in this
	 * step's counts. The skip limit counts per partition.
	 */
	@Bean
	Step settlePaymentsStep(PartitionedSteps partitionedSteps, Step settlePaymentsWorker,
			SettlementPartitioner settlementPartitioner, ThreadPoolTaskExecutor settlementThreads,
			StepProgress progress) {
		return partitionedSteps.manager(SETTLE_PAYMENTS, settlePaymentsWorker, settlementPartitioner, settlementThreads)
			.aggregator(new PassSummaryAggregator())
			.listener(progress.manager("payments"))
			// One pass per loop iteration; on a restart, a pass completed by the failed
			// execution runs again.
			.allowStartIfComplete(true)
			.build();
	}

	// resolveDependencies

	@Bean
	@StepScope
	DependencyResolutionTasklet dependencyResolutionTasklet(PaymentRepository paymentRepository, SettlementWork work,
			@Value(BUSINESS_DATE) LocalDate businessDate) {
		return new DependencyResolutionTasklet(paymentRepository, work, businessDate);
	}

	/**
	 * Runs after every pass, also on a restart (a completed step would otherwise be
	 * skipped and the loop stall).
	 */
	@Bean
	Step resolveDependenciesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DependencyResolutionTasklet dependencyResolutionTasklet) {
		return new StepBuilder("resolveDependencies", jobRepository)
			.tasklet(dependencyResolutionTasklet, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	// closeBatches

	/** The date's closable batches, streamed by one query ({@link ClosableBatches}). */
	@Bean
	@StepScope
	JdbcCursorItemReader<String> closableBatchReader(DataSource dataSource,
			@Value(BUSINESS_DATE) LocalDate businessDate) {
		return ClosableBatches.reader(dataSource, businessDate, CLOSE_CHUNK);
	}

	/**
	 * A hundred batches per chunk, closed set-wise in one transaction: either all of a
	 * chunk's closes (statuses, batchnums, totals) happen or none, and a rolled-back
	 * chunk gives its batchnums back.
	 */
	@Bean
	Step closeBatchesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcCursorItemReader<String> closableBatchReader, BatchCloser batchCloser) {
		return new StepBuilder("closeBatches", jobRepository).<String, String>chunk(CLOSE_CHUNK)
			.transactionManager(transactionManager)
			.reader(closableBatchReader)
			.writer(ids -> batchCloser.closeAll(List.copyOf(ids.getItems())))
			.build();
	}

	// writeReports

	/**
	 * The report files of every batch the run closed ({@code reports}); on a restart they
	 * are written again, the same.
	 */
	@Bean
	Step writeReportsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SettlementReports settlementReports) {
		return new StepBuilder("writeReports", jobRepository)
			.tasklet(settlementReports.tasklet(SettlementJob.BUSINESS_DATE), transactionManager)
			.build();
	}

	// the job

	/**
	 * settle → resolve dependencies → another pass while payments became eligible
	 * (children of parents that just settled, the next payment of a sequential batch) →
	 * close → report.
	 */
	@Bean
	Job settlementJob(JobRepository jobRepository, Step claimBatchesStep, Step settlePaymentsStep,
			Step resolveDependenciesStep, Step closeBatchesStep, Step writeReportsStep, SettlementWork work) {
		PendingWorkDecider morePasses = new PendingWorkDecider(work);
		return new JobBuilder(SettlementJob.NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { SettlementJob.BUSINESS_DATE }, new String[0]))
			.listener(new FailureReason())
			.listener(new ForgetCompletedWork(work))
			.start(claimBatchesStep)
			.next(settlePaymentsStep)
			.next(resolveDependenciesStep)
			.next(morePasses)
			.on(PendingWorkDecider.MORE.getName())
			.to(settlePaymentsStep)
			.from(morePasses)
			.on("*")
			.to(closeBatchesStep)
			.next(writeReportsStep)
			.end()
			.build();
	}

}
