package com.settlebatch.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.batches.BatchRepository;
import com.settlebatch.executions.ChunkProgress;
import com.settlebatch.executions.FailureReason;

/**
 * The import job, one file per run: register the content → read, validate and store rows →
 * reject broken dependencies → submit the batches → write the rejects file. Identified by the
 * file's path and SHA-256, without an incrementer, so a failed import is restarted, not redone.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobConfig {

	static final String JOB_NAME = "import";

	static final String FILE = "file";

	static final String SHA256 = "sha256";

	@Bean
	Job importJob(JobRepository jobRepository, PlatformTransactionManager tm, Step importPaymentsStep,
			ImportFiles importFiles, InputFolder inputFolder, RegisterFileTasklet registerFileTasklet,
			DependencyCheckTasklet dependencyCheckTasklet, SubmitBatchesTasklet submitBatchesTasklet,
			RejectsFileTasklet rejectsFileTasklet) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { FILE, SHA256 }, new String[0]))
			.listener(new InputFileMover(inputFolder, importFiles))
			.listener(new FailureReason())
			.start(new StepBuilder("registerFile", jobRepository).tasklet(registerFileTasklet, tm).build())
			.next(importPaymentsStep)
			.next(new StepBuilder("checkDependencies", jobRepository).tasklet(dependencyCheckTasklet, tm).build())
			.next(new StepBuilder("submitBatches", jobRepository).tasklet(submitBatchesTasklet, tm).build())
			.next(new StepBuilder("writeRejectsFile", jobRepository).tasklet(rejectsFileTasklet, tm).build())
			.build();
	}

	@Bean
	@StepScope
	RegisterFileTasklet registerFileTasklet(ImportFiles importFiles, @Value("#{jobParameters['file']}") String file,
			@Value("#{jobParameters['sha256']}") String sha256) {
		return new RegisterFileTasklet(importFiles, Path.of(file).getFileName().toString(), sha256);
	}

	@Bean
	@StepScope
	DependencyCheckTasklet dependencyCheckTasklet(JdbcClient jdbc, Clock clock, ImportFiles importFiles,
			BatchRepository batchRepository, @Value("#{jobParameters['sha256']}") String sha256) {
		return new DependencyCheckTasklet(jdbc, clock, importFiles, batchRepository, sha256);
	}

	@Bean
	@StepScope
	SubmitBatchesTasklet submitBatchesTasklet(ImportFiles importFiles, BatchRepository batchRepository,
			@Value("#{jobParameters['sha256']}") String sha256) {
		return new SubmitBatchesTasklet(importFiles, batchRepository, sha256);
	}

	@Bean
	@StepScope
	RejectsFileTasklet rejectsFileTasklet(JdbcClient jdbc, ImportFiles importFiles,
			@Value("#{jobParameters['file']}") String file, @Value("#{jobParameters['sha256']}") String sha256) {
		return new RejectsFileTasklet(jdbc, importFiles, sha256, Path.of(file));
	}

	@Bean
	Step importPaymentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			AbstractPaymentFileReader paymentRowReader, ImportWriter importWriter, RejectRecorder rejectRecorder,
			ChunkProgress importProgress, ImportJobProperties properties) {
		return new StepBuilder("importPayments", jobRepository).<InputRow, ValidPayment>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(paymentRowReader)
			.processor(new PaymentRowValidator())
			.writer(importWriter)
			.faultTolerant()
			// Nothing in an import is worth retrying; said explicitly rather than left to defaults.
			.retryPolicy(throwable -> false)
			.skipPolicy(new LimitCheckingExceptionHierarchySkipPolicy(Set.of(RejectedRowException.class),
					properties.skipLimit()))
			.skipListener(rejectRecorder)
			// Up to Batch 6.0.2, listener(StepExecutionListener) won the overload and dropped the chunk callbacks;
			// 6.0.3 registers every callback (#5094). The cast is kept: it says which listener this is.
			.listener((StepListener) importProgress)
			.build();
	}

	/** A streamed file's row count is unknown until its end: done and rate only. */
	@Bean
	@StepScope
	ChunkProgress importProgress() {
		return new ChunkProgress("rows", null);
	}

	/** Declared with the concrete base type so that Spring Batch can inspect the scoped proxy's class. */
	@Bean
	@StepScope
	AbstractPaymentFileReader paymentRowReader(@Value("#{jobParameters['file']}") String file) {
		Path path = Path.of(file);
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv")) {
			return new CsvPaymentReader(path);
		}
		if (name.endsWith(".json")) {
			return new JsonPaymentReader(path);
		}
		throw new UnreadableInputException(path.getFileName() + ": not a .csv or .json file");
	}

	@Bean
	@StepScope
	ImportWriter importWriter(BatchRepository batchRepository, ImportFiles importFiles,
			@Value("#{jobParameters['sha256']}") String sha256) {
		return new ImportWriter(batchRepository, importFiles.idOf(sha256));
	}

	@Bean
	@StepScope
	RejectRecorder rejectRecorder(JdbcClient jdbc, Clock clock, ImportFiles importFiles,
			PlatformTransactionManager transactionManager,
			@Value("#{jobParameters['sha256']}") String sha256) {
		return new RejectRecorder(jdbc, clock, importFiles, sha256, transactionManager);
	}

}
