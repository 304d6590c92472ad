package com.settlebatch.settlement;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.batches.BatchRepository;

/**
 * The work set of a business date's settlement run ({@code settlement_work}, and the
 * date's current pass in {@code settlement_pass}, written with it): for each pass, the
 * payments eligible to send when it began, numbered 1..n. A payment is eligible when it
 * is PENDING in a batch the run claimed, its parent (if any) has SETTLED, and, in a
 * {@code processInSequence} batch, no earlier payment is still PENDING.
 *
 * <p>
 * Why a table and not a query: the eligibility predicate is cheap set-wise (one join and
 * a window function per pass) but ruinous per page, where a planner without fresh
 * statistics runs it as a nested loop over the pending rows and every settled payment
 * leaves a dead row behind the status index. The reader instead reads ord ranges of the
 * primary key: the same plan and the same cost on page one and on page ten thousand,
 * whatever the statistics say.
 */
@Component
class SettlementWork {

	/**
	 * The date's current pass: its number (0 before the claim), how many payments it
	 * holds, and into how many partitions it is cut.
	 */
	record Pass(int number, long size, int partitions) {
	}

	private static final Logger log = LoggerFactory.getLogger(SettlementWork.class);

	/*
	 * The claimed batches first, then each one's PENDING payments through
	 * payment_by_status_ix. On PostgreSQL a lateral subquery (OFFSET 0 keeps it one)
	 * makes that order the plan: with statistics taken when every payment had settled,
	 * the planner believed there was no PENDING payment and, as a plain join, looped over
	 * tonight's PENDING payments scanning the claimed batches for each (2.2 times the
	 * buffers of an empty database's night on a 91-day one, and payments times batches as
	 * a night grows).
	 */
	private static final String BUILD_POSTGRES = """
			FROM payment_batch b
			CROSS JOIN LATERAL (SELECT id, batch_id, seq, depends_on, status FROM payment
			                    WHERE payment.batch_id = b.id AND payment.status = 'PENDING' OFFSET 0) p
			""";

	private static final String BUILD_H2 = """
			FROM payment p JOIN payment_batch b ON b.id = p.batch_id
			""";

	private final JdbcClient jdbc;

	private final BatchRepository batches;

	private final SettlementJobProperties.Partitioning partitioning;

	SettlementWork(JdbcClient jdbc, BatchRepository batches, SettlementJobProperties properties) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.partitioning = properties.partitioning();
	}

	/**
	 * Builds pass {@code pass} of the date's run from what is eligible now, replacing
	 * whatever the date held (earlier passes are done; a pass built before a crash is
	 * built again from the current state), and makes it the date's current pass, cut into
	 * as many partitions as its size calls for, in the caller's transaction.
	 */
	void build(LocalDate businessDate, int pass) {
		clear(businessDate);
		int size = jdbc.sql(buildSql(batches.isPostgres()))
			.param("businessDate", businessDate)
			.param("pass", pass)
			.update();
		if (batches.isPostgres()) {
			// A few thousand sampled rows: the reader's join is then planned on what is
			// there.
			jdbc.sql("ANALYZE settlement_work").update();
		}
		int partitions = partitioning.partitionsFor(size);
		jdbc.sql("INSERT INTO settlement_pass (business_date, pass_no, payments, partitions) VALUES (?, ?, ?, ?)")
			.params(businessDate, pass, size, partitions)
			.update();
		log.info("settlement pass {} for {}: {} payment(s) eligible, in {} partition(s)", pass, businessDate, size,
				partitions);
	}

	/** The statement that builds a pass, the same rows on either database. */
	static String buildSql(boolean postgres) {
		return """
				INSERT INTO settlement_work (business_date, pass_no, ord, payment_id)
				SELECT CAST(:businessDate AS DATE), CAST(:pass AS INTEGER),
				       ROW_NUMBER() OVER (ORDER BY e.batch_id, e.seq, e.id), e.id
				FROM (SELECT p.id, p.batch_id, p.seq, p.depends_on, b.process_in_sequence,
				             ROW_NUMBER() OVER (PARTITION BY p.batch_id ORDER BY p.seq, p.id) AS place
				""" + (postgres ? BUILD_POSTGRES : BUILD_H2) + """
				      WHERE b.status = 'PROCESSING' AND b.business_date = :businessDate
				        AND p.status = 'PENDING') e
				WHERE (e.place = 1 OR NOT e.process_in_sequence)
				  AND (e.depends_on IS NULL OR EXISTS (SELECT 1 FROM payment parent
				       WHERE parent.batch_id = e.batch_id AND parent.reference_id = e.depends_on
				         AND parent.status = 'SETTLED'))""";
	}

	/** The date's current pass, as committed with its work. */
	Pass current(LocalDate businessDate) {
		return jdbc.sql("SELECT pass_no, payments, partitions FROM settlement_pass WHERE business_date = ?")
			.param(businessDate)
			.query((rs, n) -> new Pass(rs.getInt("pass_no"), rs.getLong("payments"), rs.getInt("partitions")))
			.optional()
			.orElse(new Pass(0, 0, 1));
	}

	/** PENDING payments of the batches the run claimed, eligible or not. */
	long pending(LocalDate businessDate) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM payment p JOIN payment_batch b ON b.id = p.batch_id
				WHERE b.status = 'PROCESSING' AND b.business_date = ? AND p.status = 'PENDING'""")
			.param(businessDate)
			.query(Long.class)
			.single();
	}

	/** The run completed (or a new pass replaces the old): the date's work has served. */
	void clear(LocalDate businessDate) {
		jdbc.sql("DELETE FROM settlement_work WHERE business_date = ?").param(businessDate).update();
		jdbc.sql("DELETE FROM settlement_pass WHERE business_date = ?").param(businessDate).update();
	}

}
