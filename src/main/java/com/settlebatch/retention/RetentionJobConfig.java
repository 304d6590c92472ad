package com.settlebatch.retention;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.cluster.JobLeases;
import com.settlebatch.executions.FailureReason;

/**
 * The retention job, in run order: record the settled dates → archive the due dates
 * (write, read back, verify) → remove the archived rows in bounded transactions → prune
 * the metadata of finished runs → prune leftover work rows, throttle slots and partition
 * leases → let other packages purge their own rows ({@link RetentionPurge}). Each run is
 * its own instance (identifying parameter {@code asOf}, the instant every cutoff is
 * measured from); a failed run is restarted with the same cutoffs and finishes what it
 * began. Every step is restartable and repeats nothing: each records what it did before
 * it moves on.
 */
@Configuration(proxyBeanMethods = false)
class RetentionJobConfig {

	private static final String AS_OF = "#{jobParameters['" + RetentionJob.AS_OF + "']}";

	private static final String JOB_EXECUTION_ID = "#{stepExecution.jobExecutionId}";

	// recordSettledDates

	@Bean
	Step recordSettledDatesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SettledDates settledDates, Clock clock) {
		return new StepBuilder("recordSettledDates", jobRepository).tasklet((contribution, chunk) -> {
			contribution.incrementWriteCount(settledDates.recordCompleted(OffsetDateTime.now(clock)));
			return RepeatStatus.FINISHED;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	// archiveDates

	@Bean
	@StepScope
	ArchiveDatesTasklet archiveDatesTasklet(RetentionPlanner planner, ArchiveWriter writer, ArchiveReader reader,
			ArchivedDates archivedDates, ArchiveTables tables, JdbcClient jdbc, Clock clock,
			@Value(AS_OF) LocalDateTime asOf, @Value(JOB_EXECUTION_ID) long executionId) {
		return new ArchiveDatesTasklet(planner, writer, reader, archivedDates, tables, jdbc, clock, asOf, executionId);
	}

	@Bean
	Step archiveDatesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveDatesTasklet archiveDatesTasklet) {
		return new StepBuilder("archiveDates", jobRepository).tasklet(archiveDatesTasklet, transactionManager).build();
	}

	// removeArchived

	@Bean
	@StepScope
	RemoveArchivedTasklet removeArchivedTasklet(ArchivedDates archivedDates, ArchiveReader reader,
			BatchRepository batches, PaymentRepository payments, ArchiveTables tables, JdbcClient jdbc, Clock clock,
			RetentionProperties properties) {
		return new RemoveArchivedTasklet(archivedDates, reader, batches, payments, tables, jdbc, clock,
				properties.rowsPerTransaction());
	}

	@Bean
	Step removeArchivedStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RemoveArchivedTasklet removeArchivedTasklet) {
		return new StepBuilder("removeArchived", jobRepository).tasklet(removeArchivedTasklet, transactionManager)
			.build();
	}

	// pruneBatchMetadata

	@Bean
	@StepScope
	MetadataPruner metadataPruner(JdbcClient jdbc, RetentionPlanner planner, @Value(AS_OF) LocalDateTime asOf) {
		return new MetadataPruner(jdbc, planner, planner.metadataCutoff(asOf));
	}

	@Bean
	Step pruneBatchMetadataStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			MetadataPruner metadataPruner) {
		return new StepBuilder("pruneBatchMetadata", jobRepository).tasklet(metadataPruner, transactionManager).build();
	}

	// pruneWorkTables

	@Bean
	@StepScope
	WorkTablePruner workTablePruner(JdbcClient jdbc, JobLeases leases, @Value(AS_OF) LocalDateTime asOf) {
		return new WorkTablePruner(jdbc, leases, asOf);
	}

	@Bean
	Step pruneWorkTablesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			WorkTablePruner workTablePruner) {
		return new StepBuilder("pruneWorkTables", jobRepository).tasklet(workTablePruner, transactionManager).build();
	}

	// purgeOwnedRows

	@Bean
	@StepScope
	OwnedRowsPurger ownedRowsPurger(ArchiveTables tables, RetentionProperties properties,
			@Value(AS_OF) LocalDateTime asOf) {
		return new OwnedRowsPurger(tables.purges(), asOf, properties.rowsPerTransaction());
	}

	@Bean
	Step purgeOwnedRowsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			OwnedRowsPurger ownedRowsPurger) {
		return new StepBuilder("purgeOwnedRows", jobRepository).tasklet(ownedRowsPurger, transactionManager).build();
	}

	// the job

	@Bean
	Job retentionJob(JobRepository jobRepository, Step recordSettledDatesStep, Step archiveDatesStep,
			Step removeArchivedStep, Step pruneBatchMetadataStep, Step pruneWorkTablesStep, Step purgeOwnedRowsStep) {
		return new JobBuilder(RetentionJob.NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { RetentionJob.AS_OF }, new String[0]))
			.listener(new FailureReason())
			.start(recordSettledDatesStep)
			.next(archiveDatesStep)
			.next(removeArchivedStep)
			.next(pruneBatchMetadataStep)
			.next(pruneWorkTablesStep)
			.next(purgeOwnedRowsStep)
			.build();
	}

}
