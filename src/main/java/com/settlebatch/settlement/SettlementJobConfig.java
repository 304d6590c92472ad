package com.settlebatch.settlement;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.batches.BatchCloser;
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
			Step resolveDependenciesStep, Step closeBatchesStep, JdbcClient jdbc) {
		PendingWorkDecider morePasses = new PendingWorkDecider(jdbc);
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { "businessDate" }, new String[0]))
			.listener(new FailureReason())
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
	DependencyResolutionTasklet dependencyResolutionTasklet(JdbcClient jdbc, Clock clock,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
		return new DependencyResolutionTasklet(jdbc, clock, businessDate);
	}

	@Bean
	Step claimBatchesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ClaimBatchesTasklet claimBatchesTasklet) {
		return new StepBuilder("claimBatches", jobRepository).tasklet(claimBatchesTasklet, transactionManager).build();
	}

	@Bean
	@StepScope
	ClaimBatchesTasklet claimBatchesTasklet(JdbcClient jdbc,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
		return new ClaimBatchesTasklet(jdbc, businessDate);
	}

	@Bean
	Step settlePaymentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<PendingPayment> pendingPaymentReader, GatewaySettlementWriter gatewaySettlementWriter,
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
			// Batch 6 trap: listener(StepExecutionListener) would win the overload and drop the chunk callbacks.
			.listener((StepListener) settlementProgress)
			.build();
	}

	/** Total: the payments eligible when the pass starts. */
	@Bean
	@StepScope
	ChunkProgress settlementProgress(JdbcClient jdbc,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
		return new ChunkProgress("payments", () -> jdbc.sql("SELECT COUNT(*) FROM payment WHERE " + Eligibility.ELIGIBLE)
			.param("businessDate", businessDate)
			.query(Long.class)
			.single());
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<PendingPayment> pendingPaymentReader(DataSource dataSource,
			@Value("#{jobParameters['businessDate']}") LocalDate businessDate, SettlementJobProperties properties)
			throws Exception {
		Map<String, Order> sortKeys = new LinkedHashMap<>();
		sortKeys.put("batch_id", Order.ASCENDING);
		sortKeys.put("seq", Order.ASCENDING);
		sortKeys.put("id", Order.ASCENDING);
		return new JdbcPagingItemReaderBuilder<PendingPayment>().name("pendingPaymentReader")
			.dataSource(dataSource)
			.selectClause("id, batch_id, seq, unique_key, reference_id, type, amount, currency, account_id, custom_data, "
					+ "(SELECT parent.gateway_id FROM payment parent WHERE parent.batch_id = payment.batch_id "
					+ "AND parent.reference_id = payment.depends_on) AS parent_gateway_id")
			.fromClause("payment")
			.whereClause(Eligibility.ELIGIBLE)
			.parameterValues(Map.of("businessDate", businessDate))
			.sortKeys(sortKeys)
			.pageSize(properties.chunkSize())
			.rowMapper((rs, n) -> new PendingPayment(rs.getString("id"), rs.getString("batch_id"),
					rs.getString("unique_key"), rs.getString("reference_id"), rs.getString("type"),
					rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("account_id"),
					rs.getString("custom_data"), rs.getString("parent_gateway_id")))
			.build();
	}

	@Bean
	@StepScope
	ChunkOutcomes chunkOutcomes() {
		return new ChunkOutcomes();
	}

	@Bean
	@StepScope
	GatewaySettlementWriter gatewaySettlementWriter(GatewayClient gatewayClient, ChunkOutcomes chunkOutcomes,
			JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager,
			SettlementJobProperties properties) {
		return new GatewaySettlementWriter(gatewayClient, chunkOutcomes,
				new PaymentOutcomeStore(jdbc, clock, transactionManager), clock, properties.uniqueKeyValidity(),
				properties.reconcileBeforeExpiry());
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
			.whereClause("b.status = 'PROCESSING' AND b.business_date = :businessDate AND NOT EXISTS "
					+ "(SELECT 1 FROM payment p WHERE p.batch_id = b.id AND p.status = 'PENDING')")
			.parameterValues(Map.of("businessDate", businessDate))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.pageSize(100)
			.rowMapper((rs, n) -> rs.getString("id"))
			.build();
	}

}
