package com.settlebatch.retention;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prunes Spring Batch's metadata of finished job instances, a few hundred instances per
 * transaction, children first. An instance goes only when one of its executions COMPLETED
 * or was ABANDONED (a failed one may still be restarted and needs its contexts), every
 * execution of it ended before the cutoff, and no {@link RetentionHold} keeps it. A
 * completed settlement's date is in {@code settled_date} by then.
 */
class MetadataPruner implements Tasklet {

	private static final int INSTANCES_PER_TRANSACTION = 200;

	private static final String EXECUTIONS = """
			SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID IN (:ids)""";

	private static final List<String> CHILDREN_FIRST = List.of(
			"""
					DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (
					    SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (%s))"""
				.formatted(EXECUTIONS),
			"DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (%s)".formatted(EXECUTIONS),
			"DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (%s)".formatted(EXECUTIONS),
			"DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (%s)".formatted(EXECUTIONS));

	private final JdbcClient jdbc;

	private final RetentionPlanner planner;

	private final LocalDateTime cutoff;

	/** The highest instance id looked at: held instances are passed over, once. */
	private long after;

	MetadataPruner(JdbcClient jdbc, RetentionPlanner planner, LocalDateTime cutoff) {
		this.jdbc = jdbc;
		this.planner = planner;
		this.cutoff = cutoff;
	}

	static List<Long> prunable(JdbcClient jdbc, LocalDateTime cutoff, long after, int limit) {
		return new ArrayList<>(jdbc.sql("""
				SELECT i.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE i
				WHERE i.JOB_INSTANCE_ID > :after
				  AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
				              AND e.STATUS IN ('COMPLETED', 'ABANDONED'))
				  AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
				                  AND (e.END_TIME IS NULL OR e.END_TIME >= :cutoff))
				ORDER BY i.JOB_INSTANCE_ID""")
			.param("after", after)
			.param("cutoff", cutoff)
			.withMaxRows(limit)
			.query(Long.class)
			.list());
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		List<Long> instances = prunable(jdbc, cutoff, after, INSTANCES_PER_TRANSACTION);
		if (instances.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		after = instances.get(instances.size() - 1);
		instances.removeAll(planner.heldInstances(instances));
		if (instances.isEmpty()) {
			return RepeatStatus.CONTINUABLE;
		}
		CHILDREN_FIRST.forEach(sql -> jdbc.sql(sql).param("ids", instances).update());
		int executions = jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID IN (:ids)")
			.param("ids", instances)
			.update();
		jdbc.sql("""
				DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN (:ids)
				  AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
				                  WHERE e.JOB_INSTANCE_ID = BATCH_JOB_INSTANCE.JOB_INSTANCE_ID)""")
			.param("ids", instances)
			.update();
		contribution.incrementWriteCount(executions);
		return RepeatStatus.CONTINUABLE;
	}

}
