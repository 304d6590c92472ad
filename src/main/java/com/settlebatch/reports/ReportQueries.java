package com.settlebatch.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read side the reports need: the batches a date's run closed, and each one's
 * payments streamed in settlement order. Payments are never held as a list: a batch may
 * hold millions.
 */
class ReportQueries {

	private final JdbcClient jdbc;

	ReportQueries(DataSource dataSource, int fetchSize) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		// PostgreSQL streams in a transaction only when asked for rows a few at a time.
		template.setFetchSize(fetchSize);
		this.jdbc = JdbcClient.create(template);
	}

	/**
	 * The batches of the date that are closed, in the order their files are listed:
	 * merchant, then batchnum.
	 */
	List<ClosedBatch> closedBatches(LocalDate businessDate) {
		return jdbc.sql("""
				SELECT id, external_id, name, merchant_id, batchnum, opened, closed
				FROM payment_batch WHERE status = 'CLOSED' AND business_date = ?
				ORDER BY merchant_id, batchnum""")
			.param(businessDate)
			.query((rs, n) -> new ClosedBatch(rs.getString("id"), rs.getString("external_id"), rs.getString("name"),
					rs.getString("merchant_id"), rs.getLong("batchnum"), rs.getObject("opened", OffsetDateTime.class),
					rs.getObject("closed", OffsetDateTime.class)))
			.list();
	}

	/** Hands each payment of the batch to the consumer, in settlement order. */
	void eachPayment(String batchId, Consumer<ReportRow> consumer) {
		try (Stream<ReportRow> rows = jdbc.sql("""
				SELECT reference_id, type, amount, currency, status, attempts, http_status, error_code,
				       gateway_id, correlation_id, settled_at
				FROM payment WHERE batch_id = ? ORDER BY seq, id""")
			.param(batchId)
			.query((rs, n) -> new ReportRow(rs.getString("reference_id"), rs.getString("type"),
					rs.getObject("amount", BigDecimal.class), rs.getString("currency"), rs.getString("status"),
					rs.getInt("attempts"), (Integer) rs.getObject("http_status", Integer.class),
					rs.getString("error_code"), rs.getString("gateway_id"), rs.getString("correlation_id"),
					rs.getObject("settled_at", OffsetDateTime.class)))
			.stream()) {
			rows.forEach(consumer);
		}
	}

	/** A batch the run closed. */
	record ClosedBatch(String id, String externalId, String name, String merchantId, long batchnum,
			OffsetDateTime opened, OffsetDateTime closed) {

		/**
		 * The report's file name: the merchant id as it may appear in a path (it is
		 * validated text, but a path must never leave the date's folder).
		 */
		String fileName() {
			return merchantId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + batchnum + ".csv";
		}

	}

	/** One payment as its report line shows it. */
	record ReportRow(String referenceId, String type, BigDecimal amount, String currency, String status, int attempts,
			Integer httpStatus, String errorCode, String gatewayId, String correlationId, OffsetDateTime settledAt) {
	}

}
