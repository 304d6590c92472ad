package com.settlebatch.drop;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Origin;
import com.settlebatch.audit.Outcome;
import com.settlebatch.ingest.InputFolder;
import com.settlebatch.ingest.InputProperties;
import com.settlebatch.ops.JobControl;
import com.settlebatch.refusal.RefusedException;

/**
 * What follows a dropped file's import: its marker goes, and settlement runs when
 * {@code jobs/} says so.
 */
class ImportOutcome {

	private static final Logger log = LoggerFactory.getLogger(ImportOutcome.class);

	private final InputFolder folder;

	private final JobControl jobControl;

	private final Clock clock;

	private final InputProperties properties;

	private final Audit audit;

	ImportOutcome(InputFolder folder, JobControl jobControl, Clock clock, InputProperties properties, Audit audit) {
		this.audit = audit;
		this.folder = folder;
		this.jobControl = jobControl;
		this.clock = clock;
		this.properties = properties;
	}

	void handle(JobExecution execution, String fileName) {
		Path file = folder.dir().resolve(fileName);
		boolean stillWaiting = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
		if (properties.requireDoneMarker() && !stillWaiting) {
			DoneMarkers.delete(file);
		}
		audit.record(Actor.system(Origin.FILE_DROP), "import.file", fileName + ", execution " + execution.getId(),
				Outcome.OK, "ended " + execution.getStatus());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			if (stillWaiting) {
				log.error(
						"import of {} ended {} (job execution {}); the file stays in the drop folder and is not tried "
								+ "again until it changes; `settle restart {}` resumes it",
						fileName, execution.getStatus(), execution.getId(), execution.getId());
			}
			return;
		}
		log.info("imported dropped file {} (job execution {})", fileName, execution.getId());
		if (properties.settleAfterImport()) {
			settleToday();
		}
	}

	private void settleToday() {
		LocalDate today = LocalDate.now(clock);
		try {
			JobExecution settlement = jobControl.settle(today);
			audit.record(Actor.system(Origin.FILE_DROP), "settlement.start",
					"business date " + today + ", execution " + settlement.getId(), Outcome.OK,
					"ended " + settlement.getStatus());
			log.info("settlement for {} after the import: {} (job execution {})", today, settlement.getStatus(),
					settlement.getId());
		}
		catch (RefusedException refused) {
			audit.record(Actor.system(Origin.FILE_DROP), "settlement.start", "business date " + today, Outcome.REFUSED,
					refused.getMessage());
			if (refused.kind() == RefusedException.Kind.CONFLICT) {
				// A business date settles once; what this import submitted waits for the
				// next run.
				log.info("settlement after the import not started: {}", refused.getMessage());
			}
			else {
				log.warn("settlement after the import not started: {}", refused.getMessage());
			}
		}
		catch (RuntimeException failure) {
			// The import itself is done and its file moved: nothing for the watcher to
			// retry.
			log.error("settlement for {} after the import failed to start", today, failure);
		}
	}

}
