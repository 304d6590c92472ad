package com.settlebatch.retention;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Origin;
import com.settlebatch.reconciliation.Reconciliations;
import com.settlebatch.refusal.RefusedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What retention keeps and what it removes, on H2 and PostgreSQL: old closed dates are
 * archived, read back and only then removed; newer dates, live batches and the merchants'
 * batchnum counters stay; a date whose metadata is pruned is never settled again.
 */
class RetentionFunctionalTests extends RetentionTestSupport {

	private static final LocalDate OLD = LocalDate.of(2026, 8, 3);

	@Autowired
	Reconciliations reconciliations;

	private static final LocalDate RECENT = LocalDate.of(2026, 11, 2);

	/**
	 * 90 days after OLD's cutoff, RECENT still young; metadata (ended today) still young.
	 */
	private static final LocalDateTime AS_OF = LocalDateTime.of(2026, 11, 20, 6, 0);

	@Test
	void aClosedDateOlderThanTheAgeIsArchivedVerifiedAndRemovedWhileNewerAndLiveBatchesStay() {
		// given an old settled night, a recent one and a batch still SUBMITTED
		night(OLD, 3);
		night(RECENT, 2);
		submitted("waiting", 1);
		BigDecimal oldUsd = sum("USD", OLD);
		long counters = count("SELECT SUM(last_batchnum) FROM merchant_batch_counter");

		// when retention runs
		JobExecution run = retention.run(AS_OF);

		// then the old date's 6 payments were archived and removed, with their 3 batches
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(run.getId(), "archiveDates")).getWriteCount()).isEqualTo(6);
		StepExecution removal = only(stepExecutions(run.getId(), "removeArchived"));
		assertThat(removal.getWriteCount()).isEqualTo(6 + 3 + 1);
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE business_date = ?", OLD)).isZero();
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE business_date = ?", RECENT)).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE status = 'SUBMITTED'")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM payment")).isEqualTo(4 + 1);
		// and the import records stay (their SHA-256 keeps a file from coming in twice),
		// their rejects go with the archive
		assertThat(count("SELECT COUNT(*) FROM import_file")).isEqualTo(3);
		assertThat(count("SELECT COUNT(*) FROM import_reject")).isEqualTo(1);
		// and the batchnum counters are untouched: numbers are never reused
		assertThat(count("SELECT SUM(last_batchnum) FROM merchant_batch_counter")).isEqualTo(counters);
		// and the archive reads back whole: counts and sums equal what the database held
		ArchiveReader.ArchivedDate archive = archiveReader.show(OLD);
		assertThat(archive.batches()).hasSize(3);
		assertThat(archive.payments()).hasSize(6);
		assertThat(new BigDecimal(archive.paymentSums().get("USD").amount())).isEqualByComparingTo(oldUsd);
		assertThat(archive.paymentSums().get("EUR").count()).isEqualTo(3);
		assertThat(archive.settledSums().get("USD").count()).isEqualTo(3);
		assertThat(archive.payments()).allSatisfy(p -> assertThat(p.get("status")).isEqualTo("SETTLED"));
	}

	@Test
	void aSecondRunFindsNothingMoreToArchive() {
		// given an old night archived once
		night(OLD, 2);
		retention.run(AS_OF);

		// when retention runs again
		JobExecution again = retention.run(AS_OF.plusMinutes(1));

		// then it archives and removes nothing
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(again.getId(), "archiveDates")).getWriteCount()).isZero();
		assertThat(only(stepExecutions(again.getId(), "removeArchived")).getWriteCount()).isZero();
		assertThat(count("SELECT COUNT(*) FROM archived_date WHERE removed_at IS NOT NULL")).isEqualTo(1);
	}

	@Test
	void aRunAsOfATimeThatAlreadyRanIsRefusedAsAConflictInTheProductsWords() {
		// given a run as of a time
		night(OLD, 1);
		retention.run(AS_OF);

		// when it is asked for again as of the same time, then it is refused, saying so
		assertThatThrownBy(() -> retention.run(AS_OF)).isInstanceOfSatisfying(RefusedException.class, refused -> {
			assertThat(refused.kind()).isEqualTo(RefusedException.Kind.CONFLICT);
			assertThat(refused.getMessage()).isEqualTo("retention as of " + AS_OF
					+ " already completed; a run as of a later time finds what has aged since");
		});
	}

	@Test
	void aSettledDateWhoseMetadataWasPrunedIsRefusedAndNothingIsSent() {
		// given a settled night whose run's metadata retention has pruned
		night(RECENT, 2);
		long counter = count("SELECT last_batchnum FROM merchant_batch_counter WHERE merchant_id = 'm-0'");
		JobExecution run = retention.run(LocalDateTime.now().plusDays(31));
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(only(stepExecutions(run.getId(), "pruneBatchMetadata")).getWriteCount()).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME <> 'retention'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
				+ "ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_EXECUTION_ID <> ?", run.getId()))
			.isZero();
		// and a batch submitted for that date since
		submitted("late", 1);
		int charges = sandbox.ledger().chargeCount();

		// when the date is settled again, then it is refused as already complete
		assertThatThrownBy(() -> jobControl.settle(RECENT)).isInstanceOfSatisfying(RefusedException.class,
				refused -> assertThat(refused.kind()).isEqualTo(RefusedException.Kind.CONFLICT));
		// and nothing reached the gateway, nothing was claimed
		assertThat(sandbox.ledger().chargeCount()).isEqualTo(charges);
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE status = 'SUBMITTED'")).isEqualTo(1);
		// and the next date numbers on from the counter: no gap, no number used twice
		night(RECENT.plusDays(1), 2);
		assertThat(count("SELECT MAX(batchnum) FROM payment_batch WHERE merchant_id = 'm-0'")).isEqualTo(counter + 2);
	}

	@Test
	void aDryRunListsWhatWouldGoAndChangesNothing() throws Exception {
		// given an old night and a recent one
		night(OLD, 2);
		night(RECENT, 1);
		Map<String, Long> before = tableCounts();

		// when retention is planned as a dry run
		RetentionPlanner.Plan plan = planner.plan(AS_OF);

		// then it lists the old date with its rows
		assertThat(plan.archive()).containsExactly(new RetentionPlanner.DatePlan(OLD, 2, 4));
		// and changes nothing: no row, no archive, no run
		assertThat(tableCounts()).isEqualTo(before);
		try (var files = Files.list(ARCHIVE)) {
			assertThat(files).isEmpty();
		}
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'retention'")).isZero();
	}

	private Map<String, Long> tableCounts() {
		return Map.of("payment", count("SELECT COUNT(*) FROM payment"), "payment_batch",
				count("SELECT COUNT(*) FROM payment_batch"), "import_reject",
				count("SELECT COUNT(*) FROM import_reject"), "BATCH_JOB_EXECUTION",
				count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION"), "archived_date",
				count("SELECT COUNT(*) FROM archived_date"), "settled_date",
				count("SELECT COUNT(*) FROM settled_date"));
	}

	private BigDecimal sum(String currency, LocalDate date) {
		return jdbc.sql("""
				SELECT SUM(p.amount) FROM payment p JOIN payment_batch b ON b.id = p.batch_id
				WHERE p.currency = ? AND b.business_date = ?""")
			.params(currency, date)
			.query(BigDecimal.class)
			.single();
	}

	@Test
	void aDateWhoseLatestReconciliationHasAnOpenExceptionStaysUntilAPersonResolvesIt() {
		// given an old settled night whose reconciliation found exceptions (the gateway
		// lost its charges: every settled payment is missing there)
		night(OLD, 1);
		sandbox.ledger().forgetCharges();
		Reconciliations.Outcome reconciled = reconciliations.reconcile(OLD);
		assertThat(reconciled.summary().exceptions()).isNotEmpty();

		// when retention runs
		JobExecution held = retention.run(AS_OF);

		// then the date stays whole, for the person who will look at the exceptions
		assertThat(held.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE business_date = ?", OLD)).isOne();
		assertThat(count("SELECT COUNT(*) FROM payment WHERE batch_id IN "
				+ "(SELECT id FROM payment_batch WHERE business_date = ?)", OLD))
			.isEqualTo(2);

		// and once every exception is resolved, the next run archives and removes it
		Actor person = new Actor("rita", Actor.PERSON, "operator", Origin.API, "127.0.0.1");
		reconciled.summary().exceptions().forEach(e -> reconciliations.resolve(e.id(), "refunded by hand", person));
		JobExecution released = retention.run(AS_OF.plusSeconds(1));
		assertThat(released.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM payment_batch WHERE business_date = ?", OLD)).isZero();
	}

}
