package com.settlebatch.retention;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Origin;
import com.settlebatch.reconciliation.Reconciliations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows other packages hand to retention ({@link RetentionPurge}), on H2 and
 * PostgreSQL: a reconciled date's results leave the database inside its archive, ended
 * alerts go after their age while an undelivered one stays, and the staged charges of a
 * run that will never read them again go.
 */
class RetentionPurgeFunctionalTests extends RetentionTestSupport {

	private static final LocalDate OLD = LocalDate.of(2026, 8, 3);

	private static final LocalDate RECENT = LocalDate.of(2026, 11, 2);

	private static final LocalDateTime AS_OF = LocalDateTime.of(2026, 11, 20, 6, 0);

	@Autowired
	Reconciliations reconciliations;

	@Test
	void aReconciledDateLeavesWithItsRunsCountsAndResolvedExceptionsInItsArchive() {
		// given an old night whose reconciliation found exceptions a person
		// resolved, and a recent reconciled night
		night(OLD, 1);
		night(RECENT, 1);
		reconciliations.reconcile(RECENT);
		sandbox.ledger().forgetCharges();
		Reconciliations.Outcome reconciled = reconciliations.reconcile(OLD);
		Actor person = new Actor("rita", Actor.PERSON, "operator", Origin.API, "127.0.0.1");
		reconciled.summary().exceptions().forEach(e -> reconciliations.resolve(e.id(), "refunded by hand", person));
		long exceptions = count("SELECT COUNT(*) FROM reconciliation_exception WHERE business_date = ?", OLD);
		long counts = count("SELECT COUNT(*) FROM reconciliation_count c JOIN reconciliation_run r "
				+ "ON r.execution_id = c.execution_id WHERE r.business_date = ?", OLD);
		assertThat(exceptions).isEqualTo(2);

		// when retention runs
		JobExecution run = retention.run(AS_OF);

		// then the old date's results are gone from the database, the recent one's stay
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM reconciliation_exception WHERE business_date = ?", OLD)).isZero();
		assertThat(count("SELECT COUNT(*) FROM reconciliation_run WHERE business_date = ?", OLD)).isZero();
		assertThat(count("SELECT COUNT(*) FROM reconciliation_count")).isEqualTo(counts);
		assertThat(count("SELECT COUNT(*) FROM reconciliation_run WHERE business_date = ?", RECENT)).isOne();
		// and the archive holds them, verified, with who resolved each exception and why
		Manifest manifest = archiveReader.verified(OLD);
		assertThat(manifest.file("reconciliation_run").orElseThrow().rows()).isOne();
		assertThat(manifest.file("reconciliation_count").orElseThrow().rows()).isEqualTo(counts);
		List<String> resolutions = new ArrayList<>();
		archiveReader.forEachRow(OLD, "reconciliation_exception.csv.gz", (header, row) -> resolutions
			.add(row.get(header.indexOf("resolved_by")) + ": " + row.get(header.indexOf("remark"))));
		assertThat(resolutions).hasSize((int) exceptions).containsOnly("rita: refunded by hand");
	}

	@Test
	void anAlertGoesOnceEveryDeliveryEndedAndItIsOldWhileAnUndeliveredOneStays() {
		// given alerts of four months ago: delivered, given up on one channel, one
		// with no channel, one whose webhook delivery is still being retried; a
		// delivered one of yesterday; and a disabled endpoint
		OffsetDateTime old = at(AS_OF.minusDays(120));
		alert("delivered", old, "DELIVERED");
		alert("gave-up", old, "DELIVERED", "GAVE_UP");
		alert("no-channel", old);
		alert("retrying", old, "DELIVERED", "PENDING");
		alert("yesterday", at(AS_OF.minusDays(1)), "DELIVERED");
		jdbc.sql("INSERT INTO alert_endpoint (url_sha256, disabled_at, reason) VALUES (?, ?, ?)")
			.params("a".repeat(64), old, "410 Gone")
			.update();
		assertThat(planner.plan(AS_OF).ownedRows()).isEqualTo(3);

		// when retention runs
		JobExecution run = retention.run(AS_OF);

		// then the three old ended alerts went with their deliveries; the
		// undelivered one, the young one and the endpoint stay
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(run.getId(), "purgeOwnedRows")).getWriteCount()).isEqualTo(3);
		assertThat(jdbc.sql("SELECT id FROM alert_event ORDER BY id").query(String.class).list())
			.containsExactly("retrying", "yesterday");
		assertThat(count("SELECT COUNT(*) FROM alert_delivery")).isEqualTo(3);
		assertThat(count("SELECT COUNT(*) FROM alert_endpoint")).isOne();
	}

	@Test
	void stagedChargesOfARunThatEndedOrDiedGoWhileARunningOnesStay() {
		// given staged charges of a run that failed (ended), of one whose process
		// died two days ago (never ended), and of one that runs now
		execution(9_000_901, AS_OF.minusDays(3), AS_OF.minusDays(3).plusMinutes(5));
		execution(9_000_902, AS_OF.minusDays(2), null);
		execution(9_000_903, AS_OF.minusMinutes(10), null);
		for (long execution : List.of(9_000_901L, 9_000_902L, 9_000_903L)) {
			stage(execution, 3);
		}
		assertThat(planner.plan(AS_OF).ownedRows()).isEqualTo(2 * 6);

		// when retention runs
		JobExecution run = retention.run(AS_OF);

		// then only the running one's charges and links are left
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM reconciliation_charge WHERE execution_id <> 9000903")).isZero();
		assertThat(count("SELECT COUNT(*) FROM reconciliation_link WHERE execution_id <> 9000903")).isZero();
		assertThat(count("SELECT COUNT(*) FROM reconciliation_charge WHERE execution_id = 9000903")).isEqualTo(3);
		assertThat(count("SELECT COUNT(*) FROM reconciliation_link WHERE execution_id = 9000903")).isEqualTo(3);
	}

	private void alert(String id, OffsetDateTime createdAt, String... deliveries) {
		jdbc.sql("INSERT INTO alert_event (id, event_type, summary, body, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id, "run.failed", "a run failed", "{}", createdAt)
			.update();
		String[] channels = { "webhook", "mail" };
		for (int i = 0; i < deliveries.length; i++) {
			jdbc.sql("INSERT INTO alert_delivery (event_id, channel, status, attempts, next_attempt_at) "
					+ "VALUES (?, ?, ?, 1, ?)")
				.params(id, channels[i], deliveries[i], createdAt)
				.update();
		}
	}

	/** A reconciliation execution as the job repository keeps it. */
	private void execution(long id, LocalDateTime created, LocalDateTime ended) {
		jdbc.sql("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (?, 0, ?, ?)")
			.params(id, "reconciliation", "key-" + id)
			.update();
		jdbc.sql("""
				INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME,
				                                 END_TIME, STATUS, LAST_UPDATED)
				VALUES (?, 1, ?, ?, ?, ?, ?, ?)""")
			.params(id, id, created, created, ended, ended == null ? "STARTED" : "FAILED", created)
			.update();
	}

	private void stage(long execution, int charges) {
		for (int line = 1; line <= charges; line++) {
			jdbc.sql("INSERT INTO reconciliation_charge (execution_id, line, gateway_id, amount, currency, status) "
					+ "VALUES (?, ?, ?, 1.00, 'USD', 'completed')")
				.params(execution, line, "ch-" + execution + "-" + line)
				.update();
			jdbc.sql("INSERT INTO reconciliation_link (execution_id, line, payment_id) VALUES (?, ?, ?)")
				.params(execution, line, "p-" + line)
				.update();
		}
	}

	private static OffsetDateTime at(LocalDateTime local) {
		return local.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

}
