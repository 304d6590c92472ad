package com.settlebatch.batches;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side of batches and payments: the lists behind the CLI and the API. */
@Component
public class BatchQueries {

	private static final String BATCH_COLUMNS = "id, external_id, name, merchant_id, status, batchnum, opened, closed, "
			+ "business_date, payment_count, settled_count, declined_count, failed_count, skipped_count, cancelled_count";

	private static final String PAYMENT_COLUMNS = "id, batch_id, reference_id, type, amount, currency, account_id, "
			+ "depends_on, unique_key, status, attempts, gateway_id, http_status, error_code, error_message, "
			+ "correlation_id, settled_at";

	/**
	 * Ids in one statement: each slice is a few probes of the primary key, where all of a
	 * run of 100,000 closed batches in one array became a scan of the whole table (0.4 s
	 * on a million totals, and growing with the history).
	 */
	private static final int TOTALS_PER_STATEMENT = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	BatchQueries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One page of batches, newest first, and the total matching the filter. */
	public Page list(BatchListFilter filter, int limit, int offset) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> params = new HashMap<>();
		dateBound(where, params, "opened", "<", filter.openedLt(), false);
		dateBound(where, params, "opened", ">=", filter.openedGt(), true);
		dateBound(where, params, "opened", "<", filter.openedLe(), true);
		dateBound(where, params, "opened", ">=", filter.openedGe(), false);
		dateBound(where, params, "closed", "<", filter.closedLt(), false);
		dateBound(where, params, "closed", ">=", filter.closedGt(), true);
		dateBound(where, params, "closed", "<", filter.closedLe(), true);
		dateBound(where, params, "closed", ">=", filter.closedGe(), false);
		if (filter.merchantId() != null) {
			where.append(" AND merchant_id = :merchant");
			params.put("merchant", filter.merchantId());
		}
		if (filter.status() != null) {
			where.append(" AND status = :status");
			params.put("status", filter.status().name());
		}
		long total = jdbc.sql("SELECT COUNT(*) FROM payment_batch" + where).params(params).query(Long.class).single();
		params.put("limit", limit);
		params.put("offset", offset);
		List<BatchSummary> rows = jdbc
			.sql("SELECT " + BATCH_COLUMNS + " FROM payment_batch" + where
					+ " ORDER BY opened DESC, id DESC LIMIT :limit OFFSET :offset")
			.params(params)
			.query(this::batch)
			.list();
		return new Page(withTotals(rows), limit, offset, total);
	}

	/**
	 * "Before a date" means before its first instant; "after a date" means from the next
	 * day on, so {@code gt 20171003} excludes the whole of October 3rd, as in the USAePay
	 * examples.
	 */
	private void dateBound(StringBuilder where, Map<String, Object> params, String column, String operator,
			LocalDate date, boolean nextDay) {
		if (date == null) {
			return;
		}
		String name = column + params.size();
		LocalDate day = nextDay ? date.plusDays(1) : date;
		where.append(" AND ").append(column).append(' ').append(operator).append(" :").append(name);
		params.put(name, day.atStartOfDay(clock.getZone()).toOffsetDateTime());
	}

	public Optional<BatchSummary> find(String id) {
		return jdbc.sql("SELECT " + BATCH_COLUMNS + " FROM payment_batch WHERE id = ?")
			.param(id)
			.query(this::batch)
			.optional()
			.map(batch -> withTotals(List.of(batch)).get(0));
	}

	public List<BatchSummary> closedSince(OffsetDateTime since) {
		return withTotals(jdbc
			.sql("SELECT " + BATCH_COLUMNS + " FROM payment_batch WHERE status = 'CLOSED' AND closed >= ?"
					+ " ORDER BY merchant_id, batchnum")
			.param(since)
			.query(this::batch)
			.list());
	}

	public List<PaymentView> payments(String batchId, PaymentStatus status) {
		String sql = "SELECT id, batch_id, reference_id, type, amount, currency, account_id, depends_on, unique_key, "
				+ "status, attempts, gateway_id, http_status, error_code, error_message, correlation_id, settled_at "
				+ "FROM payment WHERE batch_id = :batch" + (status == null ? "" : " AND status = :status")
				+ " ORDER BY seq, id";
		Map<String, Object> params = new HashMap<>();
		params.put("batch", batchId);
		if (status != null) {
			params.put("status", status.name());
		}
		return jdbc.sql(sql)
			.params(params)
			.query((rs, n) -> new PaymentView(rs.getString("id"), rs.getString("batch_id"),
					rs.getString("reference_id"), rs.getString("type"),
					Money.scaled(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getString("currency"),
					rs.getString("account_id"), rs.getString("depends_on"), rs.getString("unique_key"),
					PaymentStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("gateway_id"),
					(Integer) rs.getObject("http_status", Integer.class), rs.getString("error_code"),
					rs.getString("error_message"), rs.getString("correlation_id"),
					rs.getObject("settled_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * One page of a batch's payments in settlement order, and how many match: a batch may
	 * hold millions.
	 */
	public PaymentPage payments(String batchId, PaymentStatus status, int limit, int offset) {
		String where = " FROM payment WHERE batch_id = :batch" + (status == null ? "" : " AND status = :status");
		Map<String, Object> params = paymentParams(batchId, status);
		long total = jdbc.sql("SELECT COUNT(*)" + where).params(params).query(Long.class).single();
		params.put("limit", limit);
		params.put("offset", offset);
		List<PaymentView> rows = jdbc
			.sql("SELECT " + PAYMENT_COLUMNS + where + " ORDER BY seq, id LIMIT :limit OFFSET :offset")
			.params(params)
			.query(BatchQueries::payment)
			.list();
		return new PaymentPage(rows, limit, offset, total);
	}

	public Optional<PaymentView> findPayment(String id) {
		return jdbc.sql("SELECT " + PAYMENT_COLUMNS + " FROM payment WHERE id = ?")
			.param(id)
			.query(BatchQueries::payment)
			.optional();
	}

	private static Map<String, Object> paymentParams(String batchId, PaymentStatus status) {
		Map<String, Object> params = new HashMap<>();
		params.put("batch", batchId);
		if (status != null) {
			params.put("status", status.name());
		}
		return params;
	}

	private static PaymentView payment(ResultSet rs, int row) throws SQLException {
		return new PaymentView(rs.getString("id"), rs.getString("batch_id"), rs.getString("reference_id"),
				rs.getString("type"), Money.scaled(rs.getBigDecimal("amount"), rs.getString("currency")),
				rs.getString("currency"), rs.getString("account_id"), rs.getString("depends_on"),
				rs.getString("unique_key"), PaymentStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
				rs.getString("gateway_id"), (Integer) rs.getObject("http_status", Integer.class),
				rs.getString("error_code"), rs.getString("error_message"), rs.getString("correlation_id"),
				rs.getObject("settled_at", OffsetDateTime.class));
	}

	private BatchSummary batch(ResultSet rs, int row) throws SQLException {
		return new BatchSummary(rs.getString("id"), rs.getString("external_id"), rs.getString("name"),
				rs.getString("merchant_id"), BatchStatus.valueOf(rs.getString("status")),
				rs.getObject("batchnum", Long.class), rs.getObject("opened", OffsetDateTime.class),
				rs.getObject("closed", OffsetDateTime.class), rs.getObject("business_date", LocalDate.class),
				rs.getInt("payment_count"), rs.getInt("settled_count"), rs.getInt("declined_count"),
				rs.getInt("failed_count"), rs.getInt("skipped_count"), rs.getInt("cancelled_count"), List.of());
	}

	/**
	 * The settled totals of the closed batches, read a thousand batches a statement
	 * rather than one statement a batch (twenty round trips a page of the list, and one
	 * per batch a run closed for {@link #closedSince}).
	 */
	private List<BatchSummary> withTotals(List<BatchSummary> batches) {
		List<String> closed = batches.stream()
			.filter(b -> b.status() == BatchStatus.CLOSED)
			.map(BatchSummary::id)
			.toList();
		Map<String, List<BatchSummary.CurrencyTotal>> totals = new HashMap<>();
		for (int from = 0; from < closed.size(); from += TOTALS_PER_STATEMENT) {
			jdbc.sql("SELECT batch_id, currency, settled_count, settled_amount FROM batch_currency_total"
					+ " WHERE batch_id = ANY(:batches) ORDER BY batch_id, currency")
				.param("batches",
						SqlValues.varchars(closed.subList(from, Math.min(from + TOTALS_PER_STATEMENT, closed.size()))))
				.query((RowCallbackHandler) rs -> totals
					.computeIfAbsent(rs.getString("batch_id"), id -> new ArrayList<>())
					.add(new BatchSummary.CurrencyTotal(rs.getString("currency"), rs.getInt("settled_count"),
							Money.scaled(rs.getBigDecimal("settled_amount"), rs.getString("currency")))));
		}
		List<BatchSummary> result = new ArrayList<>(batches.size());
		for (BatchSummary b : batches) {
			result.add(new BatchSummary(b.id(), b.externalId(), b.name(), b.merchantId(), b.status(), b.batchnum(),
					b.opened(), b.closed(), b.businessDate(), b.paymentCount(), b.settledCount(), b.declinedCount(),
					b.failedCount(), b.skippedCount(), b.cancelledCount(), totals.getOrDefault(b.id(), List.of())));
		}
		return result;
	}

	/**
	 * A page of the list, USAePay style: {@code limit}, {@code offset}, {@code total}.
	 */
	public record Page(List<BatchSummary> data, int limit, int offset, long total) {
	}

	/** A page of one batch's payments. */
	public record PaymentPage(List<PaymentView> data, int limit, int offset, long total) {
	}

}
