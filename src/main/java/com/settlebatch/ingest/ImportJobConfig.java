package com.settlebatch.ingest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.executions.ChunkProgress;
import com.settlebatch.executions.StepProgress;
import com.settlebatch.executions.FailureReason;

/**
 * The import job, one file per run: register the content → read, validate and store rows
 * → reject broken dependencies → submit the batches → write the rejects file. Identified
 * by the file's path and SHA-256, without an incrementer, so a failed import is
 * restarted, not redone. Declared in run order, each step after the beans it runs, the
 * job last.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobConfig {

	static final String JOB_NAME = "import";

	/** The file's path, as given. */
	static final String FILE = "file";

	/** The file's content hash: the {@code import_file} row's key. */
	static final String SHA256 = "sha256";

	/** The chunk step that stores the rows; the inbox import's step has the same name. */
	static final String IMPORT_PAYMENTS = "importPayments";

	private static final String FILE_PARAMETER = "#{jobParameters['" + FILE + "']}";

	private static final String SHA256_PARAMETER = "#{jobParameters['" + SHA256 + "']}";

	private static final String JOB_EXECUTION_ID = "#{stepExecution.jobExecutionId}";

	// registerFile

	@Bean
	@StepScope
	RegisterFileTasklet registerFileTasklet(ImportFiles importFiles, @Value(FILE_PARAMETER) String file,
			@Value(SHA256_PARAMETER) String sha256, @Value(JOB_EXECUTION_ID) long executionId) {
		return new RegisterFileTasklet(importFiles, Path.of(file).getFileName().toString(), sha256, executionId);
	}

	@Bean
	Step registerFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RegisterFileTasklet registerFileTasklet) {
		return new StepBuilder("registerFile", jobRepository).tasklet(registerFileTasklet, transactionManager).build();
	}

	// importPayments

	/**
	 * The file's reader and the rows' validator, one chunk ahead of the step on a thread
	 * of their own. Declared with its class so that Spring Batch can inspect the scoped
	 * proxy's class.
	 */
	@Bean
	@StepScope
	ReadAhead paymentRowReader(@Value(FILE_PARAMETER) String file, ImportJobProperties properties) {
		Path path = Path.of(file);
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv")) {
			return new ReadAhead(new CsvPaymentReader(path), properties.chunkSize());
		}
		if (name.endsWith(".json")) {
			return new ReadAhead(new JsonPaymentReader(path), properties.chunkSize());
		}
		throw new UnreadableInputException(path.getFileName() + ": not a .csv or .json file");
	}

	/**
	 * Declared with its class, as the reader: Spring Batch looks for listener annotations
	 * on a step-scoped writer's class, and warns at every start when all it sees is the
	 * ItemWriter interface.
	 */
	@Bean
	@StepScope
	ImportWriter importWriter(ImportComponents imports, @Value(SHA256_PARAMETER) String sha256) {
		return imports.importWriter(sha256);
	}

	@Bean
	@StepScope
	SkipListener<InputRow, ValidPayment> rejectRecorder(ImportComponents imports,
			@Value(SHA256_PARAMETER) String sha256) {
		return imports.rejectRecorder(sha256);
	}

	/** A streamed file's row count is unknown until its end: done and rate only. */
	@Bean
	@StepScope
	ChunkProgress importProgress(StepProgress progress) {
		return progress.step("rows", null);
	}

	@Bean
	Step importPaymentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReadAhead paymentRowReader, ImportWriter importWriter, SkipListener<InputRow, ValidPayment> rejectRecorder,
			ChunkProgress importProgress, ImportJobProperties properties) {
		DirectReadAhead rows = new DirectReadAhead(paymentRowReader);
		return new StepBuilder(IMPORT_PAYMENTS, jobRepository).<InputRow, ValidPayment>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(rows)
			.processor(rows)
			.writer(importWriter)
			.faultTolerant()
			// Nothing in an import is worth retrying; said explicitly rather than left to
			// defaults.
			.retryPolicy(throwable -> false)
			.skipPolicy(new LimitCheckingExceptionHierarchySkipPolicy(Set.of(RejectedRowException.class),
					properties.skipLimit()))
			.skipListener(rejectRecorder)
			// Up to Batch 6.0.2, listener(StepExecutionListener) won the overload and
			// dropped the chunk callbacks;
			// 6.0.3 registers every callback (#5094). The cast is kept: it says which
			// listener this is.
			.listener((StepListener) importProgress)
			.build();
	}

	// checkDependencies

	@Bean
	@StepScope
	Tasklet dependencyCheckTasklet(ImportComponents imports, @Value(SHA256_PARAMETER) String sha256) {
		return imports.dependencyCheck(sha256);
	}

	@Bean
	Step checkDependenciesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet dependencyCheckTasklet) {
		return new StepBuilder("checkDependencies", jobRepository).tasklet(dependencyCheckTasklet, transactionManager)
			.build();
	}

	// submitBatches

	@Bean
	@StepScope
	Tasklet submitBatchesTasklet(ImportComponents imports, @Value(SHA256_PARAMETER) String sha256) {
		return imports.submitBatches(sha256);
	}

	@Bean
	Step submitBatchesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet submitBatchesTasklet) {
		return new StepBuilder("submitBatches", jobRepository).tasklet(submitBatchesTasklet, transactionManager)
			.build();
	}

	// writeRejectsFile

	@Bean
	@StepScope
	RejectsFileTasklet rejectsFileTasklet(JdbcClient jdbc, ImportFiles importFiles, @Value(FILE_PARAMETER) String file,
			@Value(SHA256_PARAMETER) String sha256) {
		return new RejectsFileTasklet(jdbc, importFiles, sha256, Path.of(file));
	}

	@Bean
	Step writeRejectsFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RejectsFileTasklet rejectsFileTasklet) {
		return new StepBuilder("writeRejectsFile", jobRepository).tasklet(rejectsFileTasklet, transactionManager)
			.build();
	}

	// the job

	@Bean
	Job importJob(JobRepository jobRepository, Step registerFileStep, Step importPaymentsStep,
			Step checkDependenciesStep, Step submitBatchesStep, Step writeRejectsFileStep, ImportFiles importFiles,
			InputFolder inputFolder) {
		// Spring Batch makes two observations a row (read, process) whatever the
		// management settings, each a context with a map of its own and a look-up of the
		// registry's filters by name: an eighth of the step's CPU for timings the job's
		// own counts and durations give. The registry is taken away here, not in the
		// step's builder: Spring Batch's BatchObservabilityBeanPostProcessor gives every
		// step bean the application's registry once the bean is built, and the step bean
		// is complete when it is handed to this method.
		if (importPaymentsStep instanceof AbstractStep step) {
			step.setObservationRegistry(ObservationRegistry.NOOP);
		}
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { FILE, SHA256 }, new String[0]))
			.listener(new InputFileMover(inputFolder, importFiles))
			.listener(new FailureReason())
			.start(registerFileStep)
			.next(importPaymentsStep)
			.next(checkDependenciesStep)
			.next(submitBatchesStep)
			.next(writeRejectsFileStep)
			.build();
	}

}
