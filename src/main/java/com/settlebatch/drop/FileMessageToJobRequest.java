package com.settlebatch.drop;

import java.io.File;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.integration.launch.JobLaunchRequest;

import com.settlebatch.ingest.AlreadyImportedException;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ingest.InputFolder;
import com.settlebatch.refusal.RefusedException;

/**
 * A dropped file becomes a request to launch the import job, with the same parameters
 * (path and content hash) and the same refusals as {@code settle import FILE}. Content
 * imported before is not launched again: it goes to {@code failed/} with its reason.
 */
class FileMessageToJobRequest {

	private static final Logger log = LoggerFactory.getLogger(FileMessageToJobRequest.class);

	private final FileImporter importer;

	private final Job importJob;

	private final InputFolder folder;

	private final boolean doneMarkers;

	FileMessageToJobRequest(FileImporter importer, Job importJob, InputFolder folder, boolean doneMarkers) {
		this.importer = importer;
		this.importJob = importJob;
		this.folder = folder;
		this.doneMarkers = doneMarkers;
	}

	/** The request, or null when there is nothing to launch (the reason is logged). */
	JobLaunchRequest toRequest(File file) {
		// The scanner hands over a resolved path; the import must see the folder as
		// configured, which is what decides where the file moves afterwards. Checked
		// again, because the file could have been swapped for a link since it was listed.
		Path path = folder.dir().resolve(file.getName());
		if (!folder.contains(path) || !InputFolder.isImportable(path)) {
			log.warn("{} is no longer a plain file in the drop folder; not imported", file.getName());
			return null;
		}
		try {
			return new JobLaunchRequest(importJob, importer.parametersFor(path));
		}
		catch (RefusedException refused) {
			if (refused.getCause() instanceof AlreadyImportedException) {
				log.warn("{} -> failed/", refused.getMessage());
				deleteMarker(path);
			}
			else if (refused.kind() == RefusedException.Kind.NOT_FOUND) {
				log.debug("{} vanished before its import", file.getName());
			}
			else {
				log.warn("cannot import {}: {} -> {}", file.getName(), refused.getMessage(),
						folder.moveToFailed(path, refused.getMessage()));
				deleteMarker(path);
			}
			return null;
		}
	}

	private void deleteMarker(Path file) {
		if (doneMarkers) {
			DoneMarkers.delete(file);
		}
	}

}
