package com.settlebatch.ingest;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.batches.BatchRepository;

/**
 * The file is in: its batches become SUBMITTED (queued for settlement) and the content is marked
 * imported. A batch none of whose rows survived validation is removed; its rows are in the rejects.
 */
class SubmitBatchesTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(SubmitBatchesTasklet.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ImportFiles importFiles;

	private final BatchRepository batchRepository;

	private final String sha256;

	SubmitBatchesTasklet(JdbcClient jdbc, Clock clock, ImportFiles importFiles, BatchRepository batchRepository,
			String sha256) {
		this.batchRepository = batchRepository;
		this.jdbc = jdbc;
		this.clock = clock;
		this.importFiles = importFiles;
		this.sha256 = sha256;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long fileId = importFiles.idOf(sha256);
		int empty = jdbc.sql("DELETE FROM payment_batch WHERE import_file_id = ? AND status = 'DRAFT' "
				+ "AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.batch_id = payment_batch.id)")
			.param(fileId)
			.update();
		int submitted = jdbc.sql("UPDATE payment_batch SET status = 'SUBMITTED', submitted = ?, payment_count = "
				+ "(SELECT COUNT(*) FROM payment p WHERE p.batch_id = payment_batch.id) "
				+ "WHERE import_file_id = ? AND status = 'DRAFT'")
			.params(OffsetDateTime.now(clock), fileId)
			.update();
		importFiles.finish(sha256, ImportFiles.Status.IMPORTED);
		// Tonight's settlement must not be planned on statistics from before this import.
		batchRepository.refreshStatistics();
		contribution.incrementWriteCount(submitted);
		log.info("submitted {} batch(es); {} batch(es) had no valid payment", submitted, empty);
		return RepeatStatus.FINISHED;
	}

}
