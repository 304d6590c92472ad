package com.settlebatch.inbox;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.ingest.ImportComponents;

/**
 * The file import's dependency check (unknown parent, cycle, rejected parent) on the
 * run's payments; the rows it rejects, already IMPORTED by the chunk step, become
 * REJECTED in the same transaction.
 */
class InboxDependencyCheck implements Tasklet {

	private final ImportComponents imports;

	private final JdbcClient jdbc;

	private final String sha256;

	private final long executionId;

	InboxDependencyCheck(ImportComponents imports, JdbcClient jdbc, String sha256, long executionId) {
		this.imports = imports;
		this.jdbc = jdbc;
		this.sha256 = sha256;
		this.executionId = executionId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		imports.dependencyCheck(sha256).execute(contribution, chunkContext);
		jdbc.sql("""
				UPDATE payment_inbox SET status = 'REJECTED'
				WHERE status = 'IMPORTED'
				AND id IN (SELECT r.line FROM import_reject r WHERE r.import_file_id = :importFile)
				AND %s""".formatted(InboxClaim.TAKEN_BY_THIS_RUN))
			.param("execution", executionId)
			.param("importFile", imports.idOf(sha256))
			.update();
		return RepeatStatus.FINISHED;
	}

}
