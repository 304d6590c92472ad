package com.settlebatch.inbox;

import java.time.Clock;
import java.util.Set;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.core.step.tasklet.Tasklet;
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
 * The inbox import: take the NEW rows → read, validate and store them like a file's rows,
 * marking each IMPORTED or REJECTED (process indicator) → reject broken dependencies →
 * submit the batches. Each run is a new instance (identifying parameter {@code run}, no
 * incrementer); a failed run is restarted, never redone. Declared in run order, each step
 * after the beans it runs, the job last. Its steps carry the file import's step names
 * (one query reads both jobs' counts), so their beans carry the job's name as well.
 */
@Configuration(proxyBeanMethods = false)
class InboxJobConfig {

	static final String JOB_NAME = "inboxImport";

	/**
	 * The instant the run was launched: its identity, and through {@link InboxClaim} its
	 * import's key.
	 */
	static final String RUN = "run";

	private static final String RUN_PARAMETER = "#{jobParameters['" + RUN + "']}";

	private static final String JOB_EXECUTION_ID = "#{stepExecution.jobExecutionId}";

	// claimInbox

	@Bean
	@StepScope
	ClaimInboxTasklet claimInboxTasklet(JdbcClient jdbc, Clock clock, ImportComponents imports,
			@Value(RUN_PARAMETER) String run, @Value(JOB_EXECUTION_ID) long executionId) {
		return new ClaimInboxTasklet(jdbc, clock, imports, new InboxClaim(run), executionId);
	}

	@Bean
	Step claimInboxStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ClaimInboxTasklet claimInboxTasklet) {
		return new StepBuilder("claimInbox", jobRepository).tasklet(claimInboxTasklet, transactionManager).build();
	}

	// importPayments

	/** The rows this run took that are still TAKEN, in id order. */
	@Bean
	@StepScope
	InboxRowReader inboxRowReader(JdbcClient jdbc, ImportJobProperties properties,
			@Value(JOB_EXECUTION_ID) long executionId) {
		return new InboxRowReader(jdbc, executionId, properties.chunkSize());
	}

	@Bean
	@StepScope
	InboxWriter inboxWriter(ImportComponents imports, JdbcClient jdbc, @Value(RUN_PARAMETER) String run) {
		return new InboxWriter(imports.writer(new InboxClaim(run).sha256()), jdbc);
	}

	@Bean
	@StepScope
	InboxRejects inboxRejects(ImportComponents imports, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			@Value(RUN_PARAMETER) String run) {
		return new InboxRejects(imports.rejectRecorder(new InboxClaim(run).sha256()), jdbc, transactionManager);
	}

	@Bean
	Step inboxImportPaymentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			InboxRowReader inboxRowReader, InboxWriter inboxWriter, InboxRejects inboxRejects,
			ImportJobProperties properties) {
		return new StepBuilder("importPayments", jobRepository).<InputRow, ValidPayment>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
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

	// checkDependencies

	@Bean
	@StepScope
	InboxDependencyCheck inboxDependencyCheck(ImportComponents imports, JdbcClient jdbc,
			@Value(RUN_PARAMETER) String run, @Value(JOB_EXECUTION_ID) long executionId) {
		return new InboxDependencyCheck(imports, jdbc, new InboxClaim(run).sha256(), executionId);
	}

	@Bean
	Step inboxCheckDependenciesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			InboxDependencyCheck inboxDependencyCheck) {
		return new StepBuilder("checkDependencies", jobRepository).tasklet(inboxDependencyCheck, transactionManager)
			.build();
	}

	// submitBatches

	@Bean
	@StepScope
	Tasklet inboxSubmitBatchesTasklet(ImportComponents imports, @Value(RUN_PARAMETER) String run) {
		return imports.submitBatches(new InboxClaim(run).sha256());
	}

	@Bean
	Step inboxSubmitBatchesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet inboxSubmitBatchesTasklet) {
		return new StepBuilder("submitBatches", jobRepository).tasklet(inboxSubmitBatchesTasklet, transactionManager)
			.build();
	}

	// the job

	@Bean
	Job inboxImportJob(JobRepository jobRepository, Step claimInboxStep, Step inboxImportPaymentsStep,
			Step inboxCheckDependenciesStep, Step inboxSubmitBatchesStep) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { RUN }, new String[0]))
			.listener(new FailureReason())
			.start(claimInboxStep)
			.next(inboxImportPaymentsStep)
			.next(inboxCheckDependenciesStep)
			.next(inboxSubmitBatchesStep)
			.build();
	}

}
