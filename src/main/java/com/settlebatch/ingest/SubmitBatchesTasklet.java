package com.settlebatch.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.SubmittedImport;
import com.settlebatch.batches.TableStatistics;

/**
 * The file is in: its batches become SUBMITTED (queued for settlement) and the content is
 * marked imported. A batch none of whose rows survived validation is removed; its rows
 * are in the rejects.
 */
class SubmitBatchesTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(SubmitBatchesTasklet.class);

	private final ImportFiles importFiles;

	private final BatchRepository batchRepository;

	private final TableStatistics statistics;

	private final String sha256;

	SubmitBatchesTasklet(ImportFiles importFiles, BatchRepository batchRepository, TableStatistics statistics,
			String sha256) {
		this.batchRepository = batchRepository;
		this.statistics = statistics;
		this.importFiles = importFiles;
		this.sha256 = sha256;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long fileId = importFiles.idOf(sha256);
		SubmittedImport done = batchRepository.submitImported(fileId);
		importFiles.finish(sha256, ImportFiles.Status.IMPORTED);
		// Tonight's settlement must not be planned on statistics from before this import.
		statistics.refresh();
		contribution.incrementWriteCount(done.submitted());
		log.info("submitted {} batch(es); {} batch(es) had no valid payment", done.submitted(), done.removedEmpty());
		return RepeatStatus.FINISHED;
	}

}
