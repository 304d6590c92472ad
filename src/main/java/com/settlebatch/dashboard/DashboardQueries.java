package com.settlebatch.dashboard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.batches.Money;
import com.settlebatch.gateway.CallOutcome;
import com.settlebatch.masking.CardNumbers;

/**
 * What the dashboard shows that the REST API does not already serve: a run's pace (from
 * its step executions, {@link Pace}) and the payments left to people.
 */
@Component
class DashboardQueries {

	/** The chart keeps to about this many bars, whatever the run lasted. */
	static final int MAX_BUCKETS = 120;

	/**
	 * The error codes of a FAILED payment the gateway may nevertheless have charged (an
	 * attempt got no answer and the lookup by key could not tell): set by the settlement
	 * writer, reconciled by a person.
	 */
	static final Set<String> RECONCILE_CODES = Set.of(CallOutcome.OUTCOME_UNKNOWN,
			CallOutcome.UNKNOWN_AFTER_KEY_EXPIRY);

	private final JdbcClient jdbc;

	DashboardQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One job execution's span as the job repository has it; its times are the JVM's
	 * local time.
	 */
	record Span(long executionId, String job, LocalDateTime start, LocalDateTime end, LocalDate businessDate) {
	}

	Optional<Span> span(long executionId) {
		return jdbc
			.sql("""
					SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.START_TIME, e.END_TIME,
					       (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
					        WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'businessDate') AS BUSINESS_DATE
					FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					WHERE e.JOB_EXECUTION_ID = ?""")
			.param(executionId)
			.query((rs, n) -> new Span(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"),
					rs.getObject("START_TIME", LocalDateTime.class), rs.getObject("END_TIME", LocalDateTime.class),
					date(rs.getString("BUSINESS_DATE"))))
			.optional();
	}

	/**
	 * What each partition of the execution counted: its gateway outcomes (written:
	 * settled; write skips: declined or failed) and the span it ran in, a running one up
	 * to its last commit. A manager step's counts are its partitions' sums, so partitions
	 * only (their names carry the partition's after a colon). A few rows per pass of the
	 * run, found by the step executions' index on the job execution, whatever the size of
	 * the payment table.
	 */
	List<Pace.Partition> partitions(long executionId) {
		return jdbc
			.sql("""
					SELECT START_TIME, COALESCE(END_TIME, LAST_UPDATED) AS END_TIME, WRITE_COUNT + WRITE_SKIP_COUNT AS PAYMENTS
					FROM BATCH_STEP_EXECUTION
					WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE '%:%' AND START_TIME IS NOT NULL""")
			.param(executionId)
			.query((rs, n) -> new Pace.Partition(instant(rs.getObject("START_TIME", LocalDateTime.class)).toInstant(),
					instant(endOf(rs)).toInstant(), rs.getLong("PAYMENTS")))
			.list();
	}

	private static LocalDateTime endOf(ResultSet rs) throws SQLException {
		LocalDateTime end = rs.getObject("END_TIME", LocalDateTime.class);
		return end != null ? end : rs.getObject("START_TIME", LocalDateTime.class);
	}

	/**
	 * A FAILED payment with its batch: what a person needs to chase it with the gateway.
	 *
	 * @param reconcile the gateway may have charged it (an attempt got no answer): look
	 * it up before any resend
	 */
	record Attention(String paymentId, String batchId, String merchantId, String batchName,
			@Schema(nullable = true, format = "int64") Long batchnum,
			@Schema(nullable = true, format = "date") LocalDate businessDate, String referenceId,
			@Schema(description = "exact decimal in the currency's scale, as a string",
					pattern = "^-?[0-9]+(\\.[0-9]+)?$", example = "12.50") String amount,
			String currency, String accountId, int attempts,
			@Schema(nullable = true, format = "int32") Integer httpStatus, @Schema(nullable = true) String errorCode,
			@Schema(nullable = true) String errorMessage, @Schema(nullable = true) String correlationId,
			OffsetDateTime failedAt, boolean reconcile) {
	}

	record AttentionPage(List<Attention> data, int limit, long total) {
	}

	/**
	 * Newest first. Identifiers that look like card numbers are masked, as in every other
	 * output.
	 */
	AttentionPage attention(int limit) {
		long total = jdbc.sql("SELECT COUNT(*) FROM payment WHERE status = 'FAILED'").query(Long.class).single();
		List<Attention> rows = jdbc.sql("""
				SELECT p.id, p.batch_id, b.merchant_id, b.name, b.batchnum, b.business_date, p.reference_id, p.amount,
				       p.currency, p.account_id, p.attempts, p.http_status, p.error_code, p.error_message,
				       p.correlation_id, p.updated_at
				FROM payment p JOIN payment_batch b ON b.id = p.batch_id
				WHERE p.status = 'FAILED'
				ORDER BY p.updated_at DESC, p.id
				LIMIT :limit""").param("limit", limit).query(DashboardQueries::attention).list();
		return new AttentionPage(rows, limit, total);
	}

	private static Attention attention(ResultSet rs, int row) throws SQLException {
		String currency = rs.getString("currency");
		BigDecimal amount = Money.scaled(rs.getBigDecimal("amount"), currency);
		String errorCode = rs.getString("error_code");
		return new Attention(rs.getString("id"), rs.getString("batch_id"), rs.getString("merchant_id"),
				rs.getString("name"), rs.getObject("batchnum", Long.class),
				rs.getObject("business_date", LocalDate.class), CardNumbers.mask(rs.getString("reference_id")),
				amount.toPlainString(), currency, CardNumbers.mask(rs.getString("account_id")), rs.getInt("attempts"),
				rs.getObject("http_status", Integer.class), errorCode, rs.getString("error_message"),
				rs.getString("correlation_id"), rs.getObject("updated_at", OffsetDateTime.class),
				RECONCILE_CODES.contains(errorCode));
	}

	/**
	 * The span in the zone Spring Batch wrote it in (this JVM's, as
	 * {@code LocalDateTime.now()}).
	 */
	static OffsetDateTime instant(LocalDateTime time) {
		return time.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	static long bucketSeconds(Duration span) {
		long seconds = Math.max(1, (span.toMillis() + 999) / 1000);
		return Math.max(1, (seconds + MAX_BUCKETS - 1) / MAX_BUCKETS);
	}

	private static LocalDate date(String text) {
		try {
			return text == null ? null : LocalDate.parse(text);
		}
		catch (DateTimeParseException notADate) {
			return null;
		}
	}

}
