package com.settlebatch.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.refusal.RefusedException;

/**
 * A run's result: every exception with both sides' values, each category's count and the
 * run itself; and a person's resolution of an exception. The only writer of
 * {@code reconciliation_run}, {@code reconciliation_count} and
 * {@code reconciliation_exception}. Payments are read, never changed.
 */
@Component
class ReconciliationResults {

	/**
	 * Each payment of the date's batches with the charges linked to it and its one
	 * category, decided in this order: two charges or more, none, a pending one, then
	 * status, currency and amount.
	 */
	private static final String OUTCOMES = """
			SELECT p.id, p.batch_id, p.reference_id, p.unique_key, p.status, p.amount, p.currency, p.gateway_id,
			       p.correlation_id, COALESCE(g.charges, 0) AS charges, g.gateway_id AS charge_id,
			       g.status AS charge_status, g.amount AS charge_amount, g.currency AS charge_currency,
			       CASE WHEN g.charges > 1 THEN 'DUPLICATE_CHARGE'
			            WHEN g.charges IS NULL AND p.status = 'SETTLED' THEN 'MISSING_AT_GATEWAY'
			            WHEN g.charges IS NULL THEN 'MATCHED'
			            WHEN g.status = 'pending' THEN 'PENDING_AT_GATEWAY'
			            WHEN p.status <> 'SETTLED' THEN 'STATUS_MISMATCH'
			            WHEN g.currency <> p.currency THEN 'CURRENCY_MISMATCH'
			            WHEN g.amount <> p.amount THEN 'AMOUNT_MISMATCH'
			            ELSE 'MATCHED' END AS category
			FROM payment p
			JOIN payment_batch b ON b.id = p.batch_id
			LEFT JOIN (SELECT l.payment_id, COUNT(*) AS charges, MIN(c.gateway_id) AS gateway_id,
			                  MIN(c.status) AS status, MIN(c.amount) AS amount, MIN(c.currency) AS currency
			           FROM reconciliation_link l
			           JOIN reconciliation_charge c ON c.execution_id = l.execution_id AND c.line = l.line
			           WHERE l.execution_id = :execution
			           GROUP BY l.payment_id) g ON g.payment_id = p.id
			WHERE b.business_date = :date""";

	/** An earlier run's resolution of the same finding: the same payment, or charge. */
	private static final String EARLIER_RESOLUTION = """
			FROM reconciliation_exception r
			WHERE r.business_date = e.business_date AND r.category = e.category
			  AND r.execution_id < e.execution_id AND r.resolved_at IS NOT NULL
			  AND (r.payment_id = e.payment_id
			       OR r.payment_id IS NULL AND e.payment_id IS NULL AND r.gateway_charge_id = e.gateway_charge_id)
			ORDER BY r.resolved_at DESC FETCH FIRST 1 ROW ONLY""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ReconciliationResults(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Stores the run's exceptions, counts and run row, and publishes
	 * {@link ReconciliationFinished}, all in the caller's transaction.
	 * @return every category's count
	 */
	Map<String, Long> record(long executionId, LocalDate businessDate, String source, long charges, Instant now) {
		OffsetDateTime foundAt = now.atOffset(ZoneOffset.UTC);
		storePaymentExceptions(executionId, businessDate, foundAt);
		storeUnknownCharges(executionId, businessDate, foundAt);
		carryOverResolutions(executionId);
		long payments = jdbc.sql("""
				SELECT COUNT(*) FROM payment p JOIN payment_batch b ON b.id = p.batch_id
				WHERE b.business_date = :date""").param("date", businessDate).query(Long.class).single();
		Map<String, Long> counts = counts(executionId, payments);
		counts.forEach((category, n) -> jdbc
			.sql("INSERT INTO reconciliation_count (execution_id, category, n) VALUES (:execution, :category, :n)")
			.param("execution", executionId)
			.param("category", category)
			.param("n", n)
			.update());
		jdbc.sql("""
				INSERT INTO reconciliation_run (execution_id, business_date, source, payments, charges, finished_at)
				VALUES (:execution, :date, :source, :payments, :charges, :finishedAt)""")
			.param("execution", executionId)
			.param("date", businessDate)
			.param("source", source)
			.param("payments", payments)
			.param("charges", charges)
			.param("finishedAt", foundAt)
			.update();
		events.publishEvent(new ReconciliationFinished(businessDate, executionId, Map.copyOf(counts),
				openExceptionIds(executionId)));
		return counts;
	}

	private void storePaymentExceptions(long executionId, LocalDate businessDate, OffsetDateTime foundAt) {
		jdbc.sql("""
				INSERT INTO reconciliation_exception (execution_id, business_date, category, payment_id, batch_id,
				    reference_id, unique_key, status, amount, currency, gateway_id, correlation_id,
				    gateway_charges, gateway_charge_id, gateway_status, gateway_amount, gateway_currency, found_at)
				SELECT :execution, :date, o.category, o.id, o.batch_id, o.reference_id, o.unique_key, o.status,
				       o.amount, o.currency, o.gateway_id, o.correlation_id, o.charges, o.charge_id,
				       o.charge_status, o.charge_amount, o.charge_currency, :foundAt
				FROM (%s) o
				WHERE o.category <> 'MATCHED'""".formatted(OUTCOMES))
			.param("execution", executionId)
			.param("date", businessDate)
			.param("foundAt", foundAt)
			.update();
	}

	/**
	 * The charges no payment explains; their reference and key are the gateway's, as
	 * listed.
	 */
	private void storeUnknownCharges(long executionId, LocalDate businessDate, OffsetDateTime foundAt) {
		jdbc.sql("""
				INSERT INTO reconciliation_exception (execution_id, business_date, category, reference_id, unique_key,
				    gateway_charges, gateway_charge_id, gateway_status, gateway_amount, gateway_currency, found_at)
				SELECT :execution, :date, 'UNKNOWN_TO_US', c.reference_id, c.unique_key, 1, c.gateway_id, c.status,
				       c.amount, c.currency, :foundAt
				FROM reconciliation_charge c
				WHERE c.execution_id = :execution
				  AND NOT EXISTS (SELECT 1 FROM reconciliation_link l
				                  WHERE l.execution_id = c.execution_id AND l.line = c.line)""")
			.param("execution", executionId)
			.param("date", businessDate)
			.param("foundAt", foundAt)
			.update();
	}

	/**
	 * A finding a person resolved in an earlier run of the date stays resolved: the same
	 * answer is not asked of them again each time the date is reconciled.
	 */
	private void carryOverResolutions(long executionId) {
		jdbc.sql("""
				UPDATE reconciliation_exception e
				SET resolved_at = (SELECT r.resolved_at %1$s),
				    resolved_by = (SELECT r.resolved_by %1$s),
				    remark = (SELECT r.remark %1$s)
				WHERE e.execution_id = :execution AND EXISTS (SELECT 1 %1$s)""".formatted(EARLIER_RESOLUTION))
			.param("execution", executionId)
			.update();
	}

	private Map<String, Long> counts(long executionId, long payments) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Category category : Category.values()) {
			counts.put(category.name(), 0L);
		}
		jdbc.sql("""
				SELECT category, COUNT(*) AS n FROM reconciliation_exception
				WHERE execution_id = :execution GROUP BY category""")
			.param("execution", executionId)
			.query((row, i) -> Map.entry(row.getString("category"), row.getLong("n")))
			.list()
			.forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
		long paymentExceptions = counts.entrySet()
			.stream()
			.filter(entry -> !entry.getKey().equals(Category.UNKNOWN_TO_US.name()))
			.mapToLong(Map.Entry::getValue)
			.sum();
		counts.put(Category.MATCHED.name(), payments - paymentExceptions);
		return counts;
	}

	private List<Long> openExceptionIds(long executionId) {
		return jdbc.sql("""
				SELECT id FROM reconciliation_exception WHERE execution_id = :execution AND resolved_at IS NULL
				ORDER BY id""").param("execution", executionId).query(Long.class).list();
	}

	/**
	 * A person's answer to an exception. Refused when there is no such exception, when it
	 * is resolved already, or without a remark.
	 */
	void resolve(long id, String remark, String who, Instant now) {
		if (remark == null || remark.isBlank() || remark.length() > 1000) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					"a remark of 1 to 1000 characters is required to resolve an exception");
		}
		int resolved = jdbc.sql("""
				UPDATE reconciliation_exception SET resolved_at = :now, resolved_by = :who, remark = :remark
				WHERE id = :id AND resolved_at IS NULL""")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("who", who == null || who.isBlank() ? "unknown" : who)
			.param("remark", remark.strip())
			.param("id", id)
			.update();
		if (resolved == 0) {
			boolean exists = jdbc.sql("SELECT COUNT(*) FROM reconciliation_exception WHERE id = :id")
				.param("id", id)
				.query(Long.class)
				.single() > 0;
			throw exists
					? new RefusedException(RefusedException.Kind.CONFLICT,
							"reconciliation exception " + id + " is resolved already")
					: new RefusedException(RefusedException.Kind.NOT_FOUND, "no reconciliation exception " + id);
		}
	}

	/**
	 * Removes at most {@code limit} of an archived date's results: its exceptions first,
	 * then its runs with their counts (a dozen rows a run) at once.
	 * @return the rows removed; 0 once none is left
	 */
	int removeArchived(LocalDate businessDate, int limit) {
		int exceptions = jdbc.sql("""
				DELETE FROM reconciliation_exception WHERE id IN (
				    SELECT id FROM reconciliation_exception WHERE business_date = :date
				    ORDER BY id FETCH FIRST %d ROWS ONLY)""".formatted(limit)).param("date", businessDate).update();
		if (exceptions > 0) {
			return exceptions;
		}
		int counts = jdbc.sql("""
				DELETE FROM reconciliation_count WHERE execution_id IN (
				    SELECT execution_id FROM reconciliation_run WHERE business_date = :date)""")
			.param("date", businessDate)
			.update();
		return counts + jdbc.sql("DELETE FROM reconciliation_run WHERE business_date = :date")
			.param("date", businessDate)
			.update();
	}

}
