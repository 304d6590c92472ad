package com.settlebatch.ingest;

/**
 * The same content was imported before (whatever its name then): importing it again would
 * double every payment.
 */
public class AlreadyImportedException extends RuntimeException {

	public AlreadyImportedException(String fileName, ImportFiles.Known known) {
		super(fileName + " has the same content as " + known.fileName() + ", already imported"
				+ (known.finishedAt() == null ? "" : " at " + known.finishedAt())
				+ (known.jobExecutionId() == null ? "" : " by job execution " + known.jobExecutionId())
				+ "; not imported again");
	}

}
