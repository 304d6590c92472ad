package com.settlebatch.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.ingest.ImportComponents;

/**
 * Takes every NEW row for this run in one statement. Concurrent runs never take the same
 * row: the database lets one UPDATE change a row from NEW, and the other then finds it
 * TAKEN. Runs once per run: a restart goes on with the rows taken here. WRITE_COUNT =
 * rows taken.
 */
class ClaimInboxTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ClaimInboxTasklet.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ImportComponents imports;

	private final InboxClaim claim;

	private final long executionId;

	ClaimInboxTasklet(JdbcClient jdbc, Clock clock, ImportComponents imports, InboxClaim claim, long executionId) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.imports = imports;
		this.claim = claim;
		this.executionId = executionId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		imports.register(claim.sha256(), claim.name(), executionId);
		int taken = jdbc.sql("""
				UPDATE payment_inbox SET status = 'TAKEN', job_execution_id = ?, taken_at = ?
				WHERE status = 'NEW'""").params(executionId, OffsetDateTime.now(clock)).update();
		contribution.incrementWriteCount(taken);
		log.info("took {} new inbox row(s) as {}", taken, claim.name());
		return RepeatStatus.FINISHED;
	}

}
