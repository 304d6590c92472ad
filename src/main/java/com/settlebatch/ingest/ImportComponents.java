package com.settlebatch.ingest;

import java.time.Clock;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.batches.TableStatistics;

/**
 * The parts of an import that every source of rows shares, so that the inbox table's rows
 * get exactly the same checks, storage, rejects and submission as a file's. Every import
 * is an {@code import_file} row, keyed by a SHA-256: a file's content hash, or any other
 * stable key of what is being imported. The one place these parts are made: the file
 * import's and the inbox import's job configurations both declare their step-scoped beans
 * on it, each with its own key.
 */
@Component
public class ImportComponents {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ImportFiles importFiles;

	private final BatchRepository batchRepository;

	private final PaymentRepository paymentRepository;

	private final TableStatistics statistics;

	private final PlatformTransactionManager transactionManager;

	private final ImportJobProperties properties;

	private final JobRepository jobRepository;

	ImportComponents(JdbcClient jdbc, Clock clock, ImportFiles importFiles, BatchRepository batchRepository,
			PaymentRepository paymentRepository, TableStatistics statistics,
			PlatformTransactionManager transactionManager, ImportJobProperties properties,
			JobRepository jobRepository) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.properties = properties;
		this.batchRepository = batchRepository;
		this.paymentRepository = paymentRepository;
		this.statistics = statistics;
		this.jdbc = jdbc;
		this.clock = clock;
		this.importFiles = importFiles;
	}

	/**
	 * Registers the import for this execution (or takes it over on a restart); returns
	 * its id.
	 */
	public long register(String sha256, String name, long jobExecutionId) {
		return importFiles.register(sha256, name, jobExecutionId);
	}

	public long idOf(String sha256) {
		return importFiles.idOf(sha256);
	}

	/**
	 * Stores valid rows as payments of DRAFT batches owned by the import; rejects what
	 * breaks cross-row rules.
	 */
	public ItemWriter<ValidPayment> writer(String sha256) {
		return importWriter(sha256);
	}

	ImportWriter importWriter(String sha256) {
		return new ImportWriter(batchRepository, paymentRepository, importFiles.idOf(sha256),
				8 * properties.chunkSize());
	}

	/** Records every skipped row in {@code import_reject}. */
	public SkipListener<InputRow, ValidPayment> rejectRecorder(String sha256) {
		return new RejectRecorder(jdbc, clock, importFiles, sha256, transactionManager);
	}

	/**
	 * Rejects payments whose {@code depends_on} names nothing, forms a cycle or leads to
	 * a rejected one.
	 */
	public Tasklet dependencyCheck(String sha256) {
		return new DependencyCheckTasklet(jdbc, clock, importFiles, paymentRepository, sha256, jobRepository);
	}

	/** Submits the import's batches and marks the import IMPORTED. */
	public Tasklet submitBatches(String sha256) {
		return new SubmitBatchesTasklet(importFiles, batchRepository, statistics, sha256);
	}

}
