package com.settlebatch.ingest;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.rules.FieldProblem;

/**
 * Stores every skipped row in {@code import_reject}, one line per field problem, each in
 * a transaction of its own. Spring Batch 6.0.6 rolls back a chunk in which a row fails in
 * writing, then scans it one item per transaction, calling the write-skip listener inside
 * the transaction it rolls back, and never again reporting the rows skipped in reading or
 * processing before the rollback: a reject stored in the chunk's transaction would
 * vanish. Storing a row's rejects replaces any stored earlier for the same row, so a
 * chunk read again after a failure records each reject once.
 */
class RejectRecorder implements SkipListener<InputRow, ValidPayment> {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ImportFiles importFiles;

	private final String sha256;

	private final TransactionTemplate ownTransaction;

	RejectRecorder(JdbcClient jdbc, Clock clock, ImportFiles importFiles, String sha256,
			PlatformTransactionManager transactionManager) {
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
		long importFileId = importFiles.idOf(sha256);
		ownTransaction.executeWithoutResult(status -> {
			// Through import_reject_row_ix: a minified JSON file has every row on line 1.
			String jsonPath = clip(rejected.jsonPath(), 255);
			jdbc.sql("DELETE FROM import_reject WHERE import_file_id = ? AND line = ? AND "
					+ (jsonPath == null ? "json_path IS NULL" : "json_path = ?"))
				.params(jsonPath == null ? List.of(importFileId, rejected.line())
						: List.of(importFileId, rejected.line(), jsonPath))
				.update();
			save(jdbc, clock, importFileId, rejected);
		});
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
