package com.settlebatch.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.batches.Money;

/** Reads what the runs stored: a run's answer, each date's latest, open exceptions. */
@Component
class ReconciliationQueries {

	private static final Duration MARGIN = Duration.ofHours(1);

	private final JdbcClient jdbc;

	ReconciliationQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The latest finished run of the date: the date's answer. */
	Optional<ReconciliationSummary> latest(LocalDate businessDate) {
		return jdbc.sql("SELECT MAX(execution_id) FROM reconciliation_run WHERE business_date = :date")
			.param("date", businessDate)
			.query(Long.class)
			.optional()
			.flatMap(this::summary);
	}

	Optional<ReconciliationSummary> summary(long executionId) {
		return jdbc.sql("SELECT * FROM reconciliation_run WHERE execution_id = :execution")
			.param("execution", executionId)
			.query((row, i) -> new ReconciliationSummary(row.getObject("business_date", LocalDate.class),
					row.getLong("execution_id"), row.getString("source"), row.getLong("payments"),
					row.getLong("charges"), row.getObject("finished_at", OffsetDateTime.class), counts(executionId),
					exceptions(executionId)))
			.optional();
	}

	/**
	 * The latest run of each of the most recent dates, newest date first; without the
	 * exceptions, which {@link #open(int)} gives.
	 */
	List<ReconciliationSummary> recent(int limit) {
		return jdbc.sql("""
				SELECT MAX(execution_id) FROM reconciliation_run
				GROUP BY business_date ORDER BY business_date DESC FETCH FIRST :limit ROWS ONLY""")
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.map(executionId -> summary(executionId).map(s -> new ReconciliationSummary(s.businessDate(),
					s.executionId(), s.source(), s.payments(), s.charges(), s.finishedAt(), s.counts(), List.of())))
			.flatMap(Optional::stream)
			.toList();
	}

	/** The open exceptions of each date's latest run, oldest date first. */
	List<ExceptionEntry> open(int limit) {
		return jdbc.sql("""
				SELECT e.* FROM reconciliation_exception e
				WHERE e.resolved_at IS NULL
				  AND e.execution_id = (SELECT MAX(r.execution_id) FROM reconciliation_run r
				                        WHERE r.business_date = e.business_date)
				ORDER BY e.business_date, e.id FETCH FIRST :limit ROWS ONLY""")
			.param("limit", limit)
			.query(ReconciliationQueries::entry)
			.list();
	}

	/**
	 * When the gateway may have charged the date's payments: from the start of the
	 * business date to the end of the next day, widened to the first send and an hour
	 * past the last answer when its settlement ran outside that (a date settled late, or
	 * restarted days after).
	 */
	Window window(LocalDate businessDate, ZoneId zone) {
		Instant from = businessDate.atStartOfDay(zone).toInstant();
		Instant to = businessDate.plusDays(2).atStartOfDay(zone).toInstant();
		return jdbc.sql("""
				SELECT MIN(p.first_sent_at) AS first_sent, MAX(p.updated_at) AS last_answer
				FROM payment p JOIN payment_batch b ON b.id = p.batch_id
				WHERE b.business_date = :date""").param("date", businessDate).query((row, i) -> {
			OffsetDateTime firstSent = row.getObject("first_sent", OffsetDateTime.class);
			OffsetDateTime lastAnswer = row.getObject("last_answer", OffsetDateTime.class);
			Instant start = firstSent != null && firstSent.toInstant().isBefore(from) ? firstSent.toInstant() : from;
			Instant end = lastAnswer != null && lastAnswer.toInstant().plus(MARGIN).isAfter(to)
					? lastAnswer.toInstant().plus(MARGIN) : to;
			return new Window(start, end);
		}).single();
	}

	/** The gateway's charges created from {@code from} (inclusive) to {@code to}. */
	record Window(Instant from, Instant to) {
	}

	Optional<ExceptionEntry> exception(long id) {
		return jdbc.sql("SELECT * FROM reconciliation_exception WHERE id = :id")
			.param("id", id)
			.query(ReconciliationQueries::entry)
			.optional();
	}

	private Map<String, Long> counts(long executionId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Category category : Category.values()) {
			counts.put(category.name(), 0L);
		}
		jdbc.sql("SELECT category, n FROM reconciliation_count WHERE execution_id = :execution")
			.param("execution", executionId)
			.query((row, i) -> Map.entry(row.getString("category"), row.getLong("n")))
			.list()
			.forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
		return counts;
	}

	private List<ExceptionEntry> exceptions(long executionId) {
		return jdbc.sql("SELECT * FROM reconciliation_exception WHERE execution_id = :execution ORDER BY id")
			.param("execution", executionId)
			.query(ReconciliationQueries::entry)
			.list();
	}

	private static ExceptionEntry entry(ResultSet row, int i) throws SQLException {
		String currency = row.getString("currency");
		String gatewayCurrency = row.getString("gateway_currency");
		return new ExceptionEntry(row.getLong("id"), row.getLong("execution_id"),
				row.getObject("business_date", LocalDate.class), row.getString("category"), row.getString("payment_id"),
				row.getString("batch_id"), row.getString("reference_id"), row.getString("unique_key"),
				row.getString("status"), scaled(row, "amount", currency), currency, row.getString("gateway_id"),
				row.getString("correlation_id"), row.getInt("gateway_charges"), row.getString("gateway_charge_id"),
				row.getString("gateway_status"), scaled(row, "gateway_amount", gatewayCurrency), gatewayCurrency,
				row.getObject("found_at", OffsetDateTime.class), row.getObject("resolved_at", OffsetDateTime.class),
				row.getString("resolved_by"), row.getString("remark"));
	}

	private static java.math.BigDecimal scaled(ResultSet row, String column, String currency) throws SQLException {
		java.math.BigDecimal amount = row.getBigDecimal(column);
		return amount == null || currency == null ? amount : Money.scaled(amount, currency);
	}

}
