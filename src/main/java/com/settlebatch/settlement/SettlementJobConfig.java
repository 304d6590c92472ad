package com.settlebatch.settlement;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.batches.BatchCloser;
import com.settlebatch.batches.BatchRepository;
import com.settlebatch.gateway.GatewayClient;
import com.settlebatch.gateway.PaymentCall;
import com.settlebatch.ops.ChunkProgress;
import com.settlebatch.ops.FailureReason;

/**
 * The settlement job: claim SUBMITTED batches → settle their PENDING payments at the gateway →
 * close every batch left with no PENDING payment. {@code businessDate} is its only, identifying
 * parameter and there is deliberately no incrementer: the run for a date happens once, and a
 * failed one is restarted rather than started anew.
 */
@Configuration(proxyBeanMethods = false)
class SettlementJobConfig {

	static final String JOB_NAME = "settlement";

	/**
	 * settle → resolve dependencies → another pass while payments became eligible (children of
	 * parents that just settled, the next payment of a sequential batch) → close.
	 */
	@Bean
	Job settlementJob(JobRepository jobRepository, Step claimBatchesStep, Step settlePaymentsStep,
			Step resolveDependenciesStep, Step closeBatchesStep, SettlementWork work) {
		PendingWorkDecider morePasses = new PendingWorkDecider(work);
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { "businessDate" }, new String[0]))
			.listener(new FailureReason())
			.listener(new JobExecutionListener() {
				@Override
				public void afterJob(JobExecution jobExecution) {
					if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
						work.clear(jobExecution.getJobParameters().getLocalDate("businessDate"));
					}
				}
			})
			.start(claimBatchesStep)
			.next(settlePaymentsStep)
			.next(resolveDependenciesStep)
			.next(morePasses)
			.on(PendingWorkDecider.MORE.getName())
			.to(settlePaymentsStep)
			.from(morePasses)
			.on("*")
			.to(closeBatchesStep)
			.end()
			.build();
	}

	/** Runs after every pass, also on a restart (a completed step would otherwise be skipped and the loop stall). */
	@Bean
	Step resolveDependenciesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DependencyResolutionTasklet dependencyResolutionTasklet) {
		return new StepBuilder("resolveDependencies", jobRepository).tasklet(dependencyResolutionTasklet, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	@StepScope
	DependencyResolutionTasklet dependencyResolutionTasklet(BatchRepository batchRepository, SettlementWork work,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
		return new DependencyResolutionTasklet(batchRepository, work, businessDate);
	}

	@Bean
	Step claimBatchesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ClaimBatchesTasklet claimBatchesTasklet) {
		return new StepBuilder("claimBatches", jobRepository).tasklet(claimBatchesTasklet, transactionManager).build();
	}

	@Bean
	@StepScope
	ClaimBatchesTasklet claimBatchesTasklet(BatchRepository batchRepository, SettlementWork work,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
		return new ClaimBatchesTasklet(batchRepository, work, businessDate);
	}

	@Bean
	Step settlePaymentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PendingPaymentReader pendingPaymentReader, GatewaySettlementWriter gatewaySettlementWriter,
			SettlementRetryListener settlementRetryListener, ChunkProgress settlementProgress,
			SettlementJobProperties properties) {
		return new StepBuilder("settlePayments", jobRepository)
			.<PendingPayment, PaymentCall>chunk(properties.chunkSize())
			// One pass per loop iteration; on a restart, a pass completed by the failed execution runs again.
			.allowStartIfComplete(true)
			.transactionManager(transactionManager)
			.reader(pendingPaymentReader)
			.processor(new PaymentCallProcessor())
			.writer(gatewaySettlementWriter)
			.faultTolerant()
			.retryPolicy(properties.retry().policy())
			.retryListener(settlementRetryListener)
			// TransientGatewayException is listed so that exhausted retries lead to a chunk scan, in
			// which its payments surface as PaymentFailedException, one skip each.
			.skipPolicy(new LimitCheckingExceptionHierarchySkipPolicy(Set.of(PaymentDeclinedException.class,
					PaymentFailedException.class, TransientGatewayException.class), properties.skipLimit()))
			// The writer's chunk callbacks need no .listener(...): the builder registers a writer that is a listener.
			.listener(settlementRetryListener)
			// Up to Batch 6.0.2, listener(StepExecutionListener) won the overload and dropped the chunk callbacks;
			// 6.0.3 registers every callback (#5094). The cast is kept: it says which listener this is.
			.listener((StepListener) settlementProgress)
			.build();
	}

	/** Total: the payments of this pass. */
	@Bean
	@StepScope
	ChunkProgress settlementProgress(SettlementWork work,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
		return new ChunkProgress("payments", () -> work.current(businessDate).size());
	}

	/** The current pass of the run's work set (as committed with it), in ord ranges of its primary key. */
	@Bean
	@StepScope
	PendingPaymentReader pendingPaymentReader(JdbcClient jdbc, SettlementWork work,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate, SettlementJobProperties properties) {
		return new PendingPaymentReader(jdbc, businessDate, work.current(businessDate), properties.chunkSize());
	}

	@Bean
	@StepScope
	ChunkOutcomes chunkOutcomes() {
		return new ChunkOutcomes();
	}

	@Bean
	@StepScope
	GatewaySettlementWriter gatewaySettlementWriter(GatewayClient gatewayClient, ChunkOutcomes chunkOutcomes,
			BatchRepository batchRepository, Clock clock, SettlementJobProperties properties) {
		return new GatewaySettlementWriter(gatewayClient, chunkOutcomes, batchRepository, clock,
				properties.uniqueKeyValidity(), properties.reconcileBeforeExpiry());
	}

	@Bean
	@StepScope
	SettlementRetryListener settlementRetryListener(ChunkOutcomes chunkOutcomes) {
		return new SettlementRetryListener(chunkOutcomes);
	}

	/** One batch per chunk: each close (status, batchnum, totals) is its own transaction. */
	@Bean
	Step closeBatchesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<String> closableBatchReader, BatchCloser batchCloser) {
		return new StepBuilder("closeBatches", jobRepository).<String, String>chunk(1)
			.transactionManager(transactionManager)
			.reader(closableBatchReader)
			.writer(ids -> ids.forEach(batchCloser::close))
			.build();
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<String> closableBatchReader(DataSource dataSource,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate) throws Exception {
		return new JdbcPagingItemReaderBuilder<String>().name("closableBatchReader")
			.dataSource(dataSource)
			.selectClause("id")
			.fromClause("payment_batch b")
			.whereClause("""
					b.status = 'PROCESSING' AND b.business_date = :businessDate
					AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.batch_id = b.id AND p.status = 'PENDING')""")
			.parameterValues(Map.of("businessDate", businessDate))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.pageSize(100)
			.rowMapper((rs, n) -> rs.getString("id"))
			.build();
	}

}
