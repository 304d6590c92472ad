package com.settlebatch.inbox;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

import com.settlebatch.ingest.InputRow;

/**
 * Reads the rows this run took that are still TAKEN, in id order, page by page: each page
 * is the id range {@code (after, after + pageSize]}, not {@code id > after ORDER BY id
 * LIMIT pageSize}. An open range lets PostgreSQL, without statistics on the inbox (the
 * night of its first big run), fetch every taken row after the page through the status
 * index and sort them all for each page, a cost that grows with the run; a closed range
 * costs a page whatever the plan. A page of ids that are other runs' rows comes back
 * short, or empty, and the next range follows.
 *
 * <p>
 * Keeps no position of its own (the status column is the position): opened again on a
 * restart, it reads exactly the rows not yet decided.
 */
class InboxRowReader extends AbstractItemCountingItemStreamItemReader<InputRow> {

	private static final String PAGE = "SELECT id, batch_external_id, batch_name, merchant_id, process_in_sequence, "
			+ "reference_id, type, amount, currency, account_id, depends_on, custom_data FROM payment_inbox "
			+ "WHERE status = 'TAKEN' AND id > :after AND id <= :upTo AND job_execution_id = ANY(:executions) ORDER BY id";

	private final JdbcClient jdbc;

	private final long executionId;

	private final int pageSize;

	private final Deque<InputRow> page = new ArrayDeque<>();

	/**
	 * The executions of this run's job instance (a restart's rows were taken by the
	 * first), read once: a page that joined the metadata tables instead would scan them,
	 * without statistics, once per row of the page.
	 */
	private SqlArrayValue executions;

	/** The end of the last range read. */
	private long readUpTo;

	/** The run's last taken id when the step opened. */
	private long lastId;

	InboxRowReader(JdbcClient jdbc, long executionId, int pageSize) {
		this.jdbc = jdbc;
		this.executionId = executionId;
		this.pageSize = pageSize;
		setName("inboxRowReader");
		setSaveState(false);
	}

	@Override
	protected void doOpen() {
		executions = new SqlArrayValue("bigint",
				jdbc.sql("""
						SELECT mine.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION mine
						JOIN BATCH_JOB_EXECUTION current_run ON current_run.JOB_INSTANCE_ID = mine.JOB_INSTANCE_ID
						WHERE current_run.JOB_EXECUTION_ID = :execution""")
					.param("execution", executionId)
					.query(Long.class)
					.list()
					.toArray());
		// Once per step: where the run's taken rows begin and end.
		jdbc.sql("SELECT MIN(id) AS first_id, MAX(id) AS last_id FROM payment_inbox WHERE status = 'TAKEN' AND "
				+ InboxClaim.TAKEN_BY_THIS_RUN)
			.param("execution", executionId)
			.query(rs -> {
				long first = rs.getLong("first_id");
				readUpTo = rs.wasNull() ? 0 : first - 1;
				lastId = rs.getLong("last_id");
			});
	}

	@Override
	protected InputRow doRead() {
		while (page.isEmpty() && readUpTo < lastId) {
			long after = readUpTo;
			long upTo = Math.min(after + pageSize, lastId);
			jdbc.sql(PAGE)
				.param("after", after)
				.param("upTo", upTo)
				.param("executions", executions)
				.query((rs, n) -> new InputRow(InboxClaim.SOURCE, rs.getLong("id"), null,
						rs.getString("batch_external_id"), rs.getString("batch_name"), rs.getString("merchant_id"),
						rs.getObject("process_in_sequence", Boolean.class), rs.getString("reference_id"),
						rs.getString("type"), rs.getString("amount"), rs.getString("currency"),
						rs.getString("account_id"), rs.getString("depends_on"), rs.getString("custom_data")))
				.list()
				.forEach(page::add);
			readUpTo = upTo;
		}
		return page.poll();
	}

	@Override
	protected void doClose() {
		page.clear();
	}

}
