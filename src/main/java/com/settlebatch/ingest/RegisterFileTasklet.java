package com.settlebatch.ingest;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Records the file's content hash before any row is read; refuses content already
 * imported.
 */
class RegisterFileTasklet implements Tasklet {

	private final ImportFiles importFiles;

	private final String fileName;

	private final String sha256;

	private final long executionId;

	RegisterFileTasklet(ImportFiles importFiles, String fileName, String sha256, long executionId) {
		this.importFiles = importFiles;
		this.fileName = fileName;
		this.sha256 = sha256;
		this.executionId = executionId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		importFiles.register(sha256, fileName, executionId);
		return RepeatStatus.FINISHED;
	}

}
