package com.settlebatch.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * After an import: a completed file from the drop folder moves to {@code processed/}; a
 * file that could not be read at all moves to {@code failed/} with its reason. Any other
 * failure (database down, killed) leaves the file where it is, so the import can be
 * restarted.
 */
class InputFileMover implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(InputFileMover.class);

	private final InputFolder folder;

	private final ImportFiles importFiles;

	InputFileMover(InputFolder folder, ImportFiles importFiles) {
		this.folder = folder;
		this.importFiles = importFiles;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		Path file = Path.of(jobExecution.getJobParameters().getString(ImportJobConfig.FILE));
		if (!Files.exists(file)) {
			return;
		}
		if (jobExecution.getStatus() == BatchStatus.COMPLETED && folder.contains(file)) {
			log.info("imported {} -> {}", file.getFileName(), folder.moveToProcessed(file));
			return;
		}
		UnreadableInputException unreadable = unreadable(jobExecution);
		if (unreadable != null) {
			importFiles.finish(jobExecution.getJobParameters().getString(ImportJobConfig.SHA256),
					ImportFiles.Status.FAILED);
			if (folder.contains(file)) {
				log.warn("cannot import {}: {} -> {}", file.getFileName(), unreadable.getMessage(),
						folder.moveToFailed(file, unreadable.getMessage()));
			}
		}
	}

	static UnreadableInputException unreadable(JobExecution jobExecution) {
		for (Throwable failure : jobExecution.getAllFailureExceptions()) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				if (t instanceof UnreadableInputException unreadable) {
					return unreadable;
				}
			}
		}
		return null;
	}

}
