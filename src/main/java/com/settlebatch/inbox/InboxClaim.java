package com.settlebatch.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One run of the inbox import: the rows it took and the {@code import_file} row that
 * stands for them, so that rejects, batches and status live in the same tables as a
 * file's.
 *
 * @param run the run's identifying job parameter: the instant it was launched
 */
record InboxClaim(String run) {

	/** What the inbox's rows are called in rejects and messages, like a file's name. */
	static final String SOURCE = "payment_inbox";

	/**
	 * The rows of this run: taken by one of its job instance's executions. On a restart
	 * that is the first execution's claim, found without relying on anything but the job
	 * repository.
	 */
	static final String TAKEN_BY_THIS_RUN = """
			job_execution_id IN (SELECT mine.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION mine
			JOIN BATCH_JOB_EXECUTION current_run ON current_run.JOB_INSTANCE_ID = mine.JOB_INSTANCE_ID
			WHERE current_run.JOB_EXECUTION_ID = :execution)""";

	String name() {
		return SOURCE + "#" + run;
	}

	/** Keys the {@code import_file} row as a file's content hash does. */
	String sha256() {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(name().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every JVM", e);
		}
	}

}
