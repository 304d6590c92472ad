package com.settlebatch.ingest;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code import_file} table: one row per distinct file content, keyed by its SHA-256.
 */
@Component
public class ImportFiles {

	public enum Status {

		IMPORTING, IMPORTED, FAILED

	}

	/** A content already seen: its first name, status and when. */
	public record Known(long id, String fileName, Status status, Long jobExecutionId, OffsetDateTime finishedAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	ImportFiles(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<Known> find(String sha256) {
		return jdbc.sql("SELECT id, file_name, status, job_execution_id, finished_at FROM import_file WHERE sha256 = ?")
			.param(sha256)
			.query((rs, n) -> new Known(rs.getLong("id"), rs.getString("file_name"),
					Status.valueOf(rs.getString("status")), rs.getObject("job_execution_id", Long.class),
					rs.getObject("finished_at", OffsetDateTime.class)))
			.optional();
	}

	/**
	 * Registers the content for this execution (or takes it over on a restart); returns
	 * its id.
	 */
	long register(String sha256, String fileName, long jobExecutionId) {
		Optional<Known> known = find(sha256);
		if (known.isPresent()) {
			if (known.get().status() == Status.IMPORTED) {
				throw new AlreadyImportedException(fileName, known.get());
			}
			jdbc.sql("UPDATE import_file SET status = 'IMPORTING', job_execution_id = ? WHERE id = ?")
				.params(jobExecutionId, known.get().id())
				.update();
			return known.get().id();
		}
		jdbc.sql("INSERT INTO import_file (sha256, file_name, status, job_execution_id, created_at) "
				+ "VALUES (?, ?, 'IMPORTING', ?, ?)")
			.params(sha256, fileName, jobExecutionId, OffsetDateTime.now(clock))
			.update();
		return find(sha256).orElseThrow().id();
	}

	long idOf(String sha256) {
		return find(sha256).orElseThrow(() -> new IllegalStateException("import file " + sha256 + " not registered"))
			.id();
	}

	void finish(String sha256, Status status) {
		jdbc.sql("UPDATE import_file SET status = ?, finished_at = ? WHERE sha256 = ?")
			.params(status.name(), OffsetDateTime.now(clock), sha256)
			.update();
	}

}
