package com.settlebatch.settlement;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.batches.PaymentStatus;

/**
 * Reads one partition of a pass of the run's work set ({@link SettlementWork}, cut by
 * {@link SettlementPartitioner}) page by page: each page is the ord range
 * {@code (after, after + pageSize]} of the primary key, joined by id to its payments. A
 * range, not {@code LIMIT} after a sort: the plan is an index range scan on either
 * database whatever the statistics say, so the last page of a long pass costs what the
 * first did. On PostgreSQL each row of the range then probes its payment by primary key
 * (a lateral subquery the planner cannot turn into a merge or hash join): as a plain
 * join, a merge join along the primary key from its first entry to the page's last id
 * read every payment older than tonight's (ids are time-ordered) that retention keeps, 90
 * days of them, for each page, and settling a night cost what the table held.
 *
 * <p>
 * Restart: the ord of the last payment handed out is saved with each commit under a key
 * that names the pass, so a restarted partition resumes after it, and a later pass never
 * inherits a position that belongs to an earlier one. Every payment of the range is
 * handed out, final ones too (marked so; the processor filters them): Spring Batch 6.0.6
 * restarts a step that died in the middle of a chunk scan by reading as many items as the
 * scan had committed, so the items must be the same ones whatever the scan changed.
 *
 * <p>
 * Each page's read time is logged at DEBUG ({@code bench/settle.sh} compares early and
 * late pages).
 */
class PendingPaymentReader extends AbstractItemCountingItemStreamItemReader<PendingPayment> {

	private static final Logger log = LoggerFactory.getLogger(PendingPaymentReader.class);

	private static final String LAST_ORD = "lastOrd";

	private static final String PAGE_COLUMNS = """
			SELECT w.ord, p.id, p.batch_id, p.unique_key, p.reference_id, p.type, p.amount, p.currency, p.account_id,
			       p.custom_data, p.status,
			       (SELECT parent.gateway_id FROM payment parent
			        WHERE parent.batch_id = p.batch_id AND parent.reference_id = p.depends_on) AS parent_gateway_id
			""";

	private static final String PAGE_RANGE = """
			WHERE w.business_date = :businessDate AND w.pass_no = :pass AND w.ord > :after AND w.ord <= :upTo
			ORDER BY w.ord""";

	/*
	 * OFFSET 0 keeps PostgreSQL from pulling the subquery up into a plain join: a lateral
	 * subquery can only be run once per row of the range, one probe of payment_pkey each.
	 */
	private static final String PAGE_POSTGRES = PAGE_COLUMNS + """
			FROM settlement_work w
			CROSS JOIN LATERAL (SELECT id, batch_id, unique_key, reference_id, type, amount, currency, account_id,
			                           custom_data, status, depends_on
			                    FROM payment WHERE payment.id = w.payment_id OFFSET 0) p
			""" + PAGE_RANGE;

	/* H2 has no LATERAL; it joins from the range and probes the primary key anyway. */
	private static final String PAGE_H2 = PAGE_COLUMNS + """
			FROM settlement_work w JOIN payment p ON p.id = w.payment_id
			""" + PAGE_RANGE;

	private record Row(long ord, PendingPayment payment) {
	}

	private final JdbcClient jdbc;

	private final String pageSql;

	private final LocalDate businessDate;

	private final int pass;

	/** The partition's range of ords: {@code (fromOrd, toOrd]}. */
	private final long fromOrd;

	private final long toOrd;

	private final int pageSize;

	private final Deque<Row> page = new ArrayDeque<>();

	/** The ord of the last payment handed out. */
	private long lastOrd;

	/** The end of the last range read. */
	private long readUpTo;

	private int pages;

	PendingPaymentReader(JdbcClient jdbc, boolean postgres, LocalDate businessDate, int pass, long fromOrd, long toOrd,
			int pageSize) {
		this.jdbc = jdbc;
		this.pageSql = pageSql(postgres);
		this.businessDate = businessDate;
		this.pass = pass;
		this.fromOrd = fromOrd;
		this.toOrd = toOrd;
		this.pageSize = pageSize;
		setName("pendingPayments.pass" + pass);
	}

	@Override
	public void open(ExecutionContext executionContext) {
		lastOrd = executionContext.getLong(getExecutionContextKey(LAST_ORD), fromOrd);
		readUpTo = lastOrd;
		super.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		if (isSaveState()) {
			executionContext.putLong(getExecutionContextKey(LAST_ORD), lastOrd);
		}
	}

	@Override
	protected void doOpen() {
		// Nothing to open: each page is a query of its own.
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		// The position is the saved ord, not a count of items to skip.
	}

	@Override
	protected PendingPayment doRead() {
		while (page.isEmpty() && readUpTo < toOrd) {
			readPage();
		}
		Row row = page.poll();
		if (row == null) {
			return null;
		}
		lastOrd = row.ord();
		return row.payment();
	}

	private void readPage() {
		long after = readUpTo;
		long upTo = Math.min(after + pageSize, toOrd);
		long started = System.nanoTime();
		jdbc.sql(pageSql)
			.param("businessDate", businessDate)
			.param("pass", pass)
			.param("after", after)
			.param("upTo", upTo)
			.query((rs, n) -> new Row(rs.getLong("ord"),
					new PendingPayment(rs.getString("id"), rs.getString("batch_id"), rs.getString("unique_key"),
							rs.getString("reference_id"), rs.getString("type"), rs.getBigDecimal("amount"),
							rs.getString("currency"), rs.getString("account_id"), rs.getString("custom_data"),
							rs.getString("parent_gateway_id"),
							PaymentStatus.PENDING.name().equals(rs.getString("status")))))
			.list()
			.forEach(page::add);
		readUpTo = upTo;
		pages++;
		if (log.isDebugEnabled()) {
			log.debug("page read pass={} page={} rows={} ms={}", pass, pages, page.size(),
					String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e6));
		}
	}

	/** The page query of this database. */
	static String pageSql(boolean postgres) {
		return postgres ? PAGE_POSTGRES : PAGE_H2;
	}

	@Override
	protected void doClose() {
		page.clear();
	}

}
