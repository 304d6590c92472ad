package com.settlebatch.ingest;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stores every skipped row in {@code import_reject}, one line per field problem, inside the
 * chunk's transaction: a reject is committed together with the good rows around it.
 */
class RejectRecorder implements SkipListener<InputRow, ValidPayment> {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ImportFiles importFiles;

	private final String sha256;

	RejectRecorder(JdbcClient jdbc, Clock clock, ImportFiles importFiles, String sha256) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.importFiles = importFiles;
		this.sha256 = sha256;
	}

	@Override
	public void onSkipInRead(Throwable t) {
		record(t);
	}

	@Override
	public void onSkipInProcess(InputRow item, Throwable t) {
		record(t);
	}

	@Override
	public void onSkipInWrite(ValidPayment item, Throwable t) {
		record(t);
	}

	private void record(Throwable t) {
		if (!(t instanceof RejectedRowException rejected)) {
			throw new IllegalStateException("only rejected rows are skippable, got " + t.getClass().getName(), t);
		}
		save(jdbc, clock, importFiles.idOf(sha256), rejected);
	}

	static void save(JdbcClient jdbc, Clock clock, long importFileId, RejectedRowException rejected) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (FieldProblem problem : rejected.problems()) {
			jdbc.sql("INSERT INTO import_reject (import_file_id, source, line, json_path, batch_external_id, "
					+ "reference_id, field, reason, raw_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(importFileId, clip(rejected.source(), 255), rejected.line(), clip(rejected.jsonPath(), 255),
						clip(rejected.batchExternalId(), 255), clip(rejected.referenceId(), 255),
						clip(problem.field(), 64), clip(problem.reason(), 500), clip(problem.rawValue(), 255), now)
				.update();
		}
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
