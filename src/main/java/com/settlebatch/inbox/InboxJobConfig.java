package com.settlebatch.inbox;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
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

import com.settlebatch.executions.FailureReason;
import com.settlebatch.ingest.ImportComponents;
import com.settlebatch.ingest.ImportJobProperties;
import com.settlebatch.ingest.InputRow;
import com.settlebatch.ingest.PaymentRowValidator;
import com.settlebatch.ingest.RejectedRowException;
import com.settlebatch.ingest.ValidPayment;

/**
 * The inbox import: take the NEW rows → read, validate and store them like a file's rows, marking
 * each IMPORTED or REJECTED (process indicator) → reject broken dependencies → submit the
 * batches. Each run is a new instance (identifying parameter {@code run}, no incrementer); a
 * failed run is restarted, never redone.
 */
@Configuration(proxyBeanMethods = false)
class InboxJobConfig {

	static final String JOB_NAME = "inboxImport";

	@Bean
	Job inboxImportJob(JobRepository jobRepository, PlatformTransactionManager tm, Step importInboxRowsStep,
			JdbcClient jdbc, Clock clock, ImportComponents imports) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { InboxClaim.RUN }, new String[0]))
			.listener(new FailureReason())
			.start(new StepBuilder("claimInbox", jobRepository).tasklet(new ClaimInboxTasklet(jdbc, clock, imports), tm)
				.build())
			.next(importInboxRowsStep)
			.next(new StepBuilder("checkDependencies", jobRepository)
				.tasklet(new InboxDependencyCheck(imports, jdbc), tm)
				.build())
			.next(new StepBuilder("submitBatches", jobRepository)
				.tasklet((contribution, chunkContext) -> imports
					.submitBatches(InboxClaim.of(chunkContext.getStepContext().getStepExecution().getJobParameters())
						.sha256())
					.execute(contribution, chunkContext), tm)
				.build())
			.build();
	}

	@Bean
	Step importInboxRowsStep(JobRepository jobRepository, PlatformTransactionManager tm,
			JdbcPagingItemReader<InputRow> inboxRowReader, InboxWriter inboxWriter, InboxRejects inboxRejects,
			ImportJobProperties properties) {
		return new StepBuilder("importPayments", jobRepository).<InputRow, ValidPayment>chunk(properties.chunkSize())
			.transactionManager(tm)
			.reader(inboxRowReader)
			.processor(new PaymentRowValidator())
			.writer(inboxWriter)
			.faultTolerant()
			.retryPolicy(throwable -> false)
			.skipPolicy(new LimitCheckingExceptionHierarchySkipPolicy(Set.of(RejectedRowException.class),
					properties.skipLimit()))
			.skipListener(inboxRejects)
			.build();
	}

	/**
	 * Reads the rows this run took that are still TAKEN, in id order. Keeps no position of its own
	 * (the status column is the position), so a restart reads exactly the rows not yet decided.
	 */
	@Bean
	@StepScope
	JdbcPagingItemReader<InputRow> inboxRowReader(DataSource dataSource, ImportJobProperties properties,
			@Value("#{stepExecution.jobExecutionId}") long executionId) throws Exception {
		return new JdbcPagingItemReaderBuilder<InputRow>().name("inboxRowReader")
			.dataSource(dataSource)
			.selectClause("SELECT id, batch_external_id, batch_name, merchant_id, process_in_sequence, reference_id, "
					+ "type, amount, currency, account_id, depends_on, custom_data")
			.fromClause("FROM payment_inbox")
			.whereClause("status = 'TAKEN' AND " + InboxClaim.TAKEN_BY_THIS_RUN)
			.parameterValues(Map.of("execution", executionId))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.pageSize(properties.chunkSize())
			.saveState(false)
			.rowMapper((rs, n) -> new InputRow(InboxClaim.SOURCE, rs.getLong("id"), null,
					rs.getString("batch_external_id"), rs.getString("batch_name"), rs.getString("merchant_id"),
					rs.getObject("process_in_sequence", Boolean.class), rs.getString("reference_id"),
					rs.getString("type"), rs.getString("amount"), rs.getString("currency"), rs.getString("account_id"),
					rs.getString("depends_on"), rs.getString("custom_data")))
			.build();
	}

	@Bean
	@StepScope
	InboxWriter inboxWriter(ImportComponents imports, JdbcClient jdbc, @Value("#{jobParameters['run']}") String run) {
		return new InboxWriter(imports.writer(new InboxClaim(run).sha256()), jdbc);
	}

	@Bean
	@StepScope
	InboxRejects inboxRejects(ImportComponents imports, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			@Value("#{jobParameters['run']}") String run) {
		return new InboxRejects(imports.rejectRecorder(new InboxClaim(run).sha256()), jdbc, transactionManager);
	}

}
