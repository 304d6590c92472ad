package com.settlebatch.retention;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.cluster.JobLeases;

/**
 * Removes what served its run and was left behind: the passes and work rows of settled
 * dates (a completed run clears its own; an abandoned one does not), throttle slots whose
 * window ended a day ago (each node clears only its own application's), and the leases of
 * partitions nobody has renewed for a day, through {@link JobLeases#prune}, which leaves
 * a renewed lease alone.
 */
class WorkTablePruner implements Tasklet {

	private static final String SETTLED_WORK = """
			DELETE FROM %s WHERE business_date IN (SELECT s.business_date FROM settled_date s)""";

	private final JdbcClient jdbc;

	private final JobLeases leases;

	private final LocalDateTime asOf;

	WorkTablePruner(JdbcClient jdbc, JobLeases leases, LocalDateTime asOf) {
		this.jdbc = jdbc;
		this.leases = leases;
		this.asOf = asOf;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int removed = jdbc.sql(SETTLED_WORK.formatted("settlement_work")).update();
		removed += jdbc.sql(SETTLED_WORK.formatted("settlement_pass")).update();
		removed += jdbc.sql("DELETE FROM gateway_throttle_slot WHERE ends_at < ?").param(dayBefore(asOf)).update();
		java.util.List<String> stale = jdbc
			.sql("SELECT lease_key FROM job_lease WHERE lease_key LIKE 'partition:%' AND locked_until < ?")
			.param(dayBefore(asOf))
			.query(String.class)
			.list();
		leases.prune(stale);
		contribution.incrementWriteCount(removed + stale.size());
		return RepeatStatus.FINISHED;
	}

	static long workRows(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT (SELECT COUNT(*) FROM settlement_work w
				        WHERE w.business_date IN (SELECT s.business_date FROM settled_date s))
				     + (SELECT COUNT(*) FROM settlement_pass p
				        WHERE p.business_date IN (SELECT s.business_date FROM settled_date s))""")
			.query(Long.class)
			.single();
	}

	static long oldSlots(JdbcClient jdbc, LocalDateTime asOf) {
		return jdbc.sql("SELECT COUNT(*) FROM gateway_throttle_slot WHERE ends_at < ?")
			.param(dayBefore(asOf))
			.query(Long.class)
			.single();
	}

	private static OffsetDateTime dayBefore(LocalDateTime asOf) {
		return asOf.minusDays(1).atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

}
