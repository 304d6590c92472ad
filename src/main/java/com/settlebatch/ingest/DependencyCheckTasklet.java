package com.settlebatch.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rejects payments whose {@code depends_on} names no payment of their batch, forms a cycle, or
 * leads to a rejected payment. Runs once the whole file is in, because a parent may come after
 * its child. Counts: READ = payments checked, WRITE_SKIP = payments rejected.
 */
class DependencyCheckTasklet implements Tasklet {

	private record Row(String id, String referenceId, String dependsOn, long line, String source) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ImportFiles importFiles;

	private final String sha256;

	DependencyCheckTasklet(JdbcClient jdbc, Clock clock, ImportFiles importFiles, String sha256) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.importFiles = importFiles;
		this.sha256 = sha256;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long fileId = importFiles.idOf(sha256);
		String fileName = jdbc.sql("SELECT file_name FROM import_file WHERE id = ?").param(fileId).query(String.class)
			.single();
		List<Map.Entry<String, String>> batches = jdbc
			.sql("SELECT id, external_id FROM payment_batch WHERE import_file_id = ? AND status = 'DRAFT'")
			.param(fileId)
			.query((rs, n) -> Map.entry(rs.getString("id"), rs.getString("external_id")))
			.list();
		for (Map.Entry<String, String> batch : batches) {
			Map<String, Row> byReference = new HashMap<>();
			jdbc.sql("SELECT id, reference_id, depends_on, source_line FROM payment WHERE batch_id = ?")
				.param(batch.getKey())
				.query((rs, n) -> new Row(rs.getString("id"), rs.getString("reference_id"), rs.getString("depends_on"),
						rs.getLong("source_line"), fileName))
				.list()
				.forEach(row -> byReference.put(row.referenceId(), row));
			byReference.values().forEach(row -> contribution.incrementReadCount());
			for (Row row : byReference.values()) {
				String reason = problem(row, byReference);
				if (reason != null) {
					RejectRecorder.save(jdbc, clock, fileId, new RejectedRowException(row.source(), row.line(), null,
							batch.getValue(), row.referenceId(), List.of(new FieldProblem("depends_on", reason,
									row.dependsOn()))));
					jdbc.sql("DELETE FROM payment WHERE id = ?").param(row.id()).update();
					contribution.incrementWriteSkipCount();
				}
			}
		}
		return RepeatStatus.FINISHED;
	}

	/** Walks up the parent chain; each payment has at most one parent, so a repeat means a cycle. */
	private static String problem(Row row, Map<String, Row> byReference) {
		Set<String> path = new LinkedHashSet<>();
		Row current = row;
		while (current.dependsOn() != null) {
			if (!path.add(current.referenceId())) {
				List<String> cycle = new ArrayList<>(path);
				return "forms a cycle: " + String.join(" -> ", cycle) + " -> " + current.referenceId();
			}
			Row parent = byReference.get(current.dependsOn());
			if (parent == null) {
				return current == row ? "names no payment of this batch: " + row.dependsOn()
						: "depends on " + current.referenceId() + ", which names no payment of this batch";
			}
			current = parent;
		}
		return null;
	}

}
