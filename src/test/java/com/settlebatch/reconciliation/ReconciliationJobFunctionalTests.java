package com.settlebatch.reconciliation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Origin;
import com.settlebatch.refusal.RefusedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The reconciliation job against the real sandbox gateway and against a report file:
 * every category, re-runs, resolutions.
 */
class ReconciliationJobFunctionalTests extends ReconciliationTestSupport {

	@Autowired
	ApplicationEvents events;

	@Test
	void everyPaymentFallsInExactlyOneCategoryAndEveryStrangeChargeIsUnknown() throws Exception {
		// given a night with every outcome, charges made behind the product's back and a
		// payment table that no longer says what was charged
		sandbox.faults().failNext("acct-fail-5", 100, 500);
		settleToday("""
				r-1,Recon,m-r,r-match,payment,10.00,USD,acct-1
				r-1,Recon,m-r,r-amount,payment,11.00,USD,acct-2
				r-1,Recon,m-r,r-currency,payment,13.00,USD,acct-3
				r-1,Recon,m-r,r-missing,payment,14.00,USD,acct-blocked-4
				r-1,Recon,m-r,r-status,payment,15.00,USD,acct-fail-5
				r-1,Recon,m-r,r-dup,payment,16.00,USD,acct-6
				r-1,Recon,m-r,r-pending,payment,17.00,USD,acct-pending-7
				r-1,Recon,m-r,r-declined,payment,18.00,USD,acct-blocked-8
				""");
		sandbox.faults().clear();
		assertThat(chargeBehindOurBack(uniqueKeyOf("r-status"), "r-status", 1500, "USD", "acct-fail-5")).isEqualTo(201);
		assertThat(chargeBehindOurBack(UUID.randomUUID().toString(), "r-dup", 1600, "USD", "acct-6")).isEqualTo(201);
		assertThat(chargeBehindOurBack(UUID.randomUUID().toString(), "stranger-1", 999, "USD", "acct-99"))
			.isEqualTo(201);
		jdbc.sql("UPDATE payment SET amount = 12.00 WHERE reference_id = 'r-amount'").update();
		jdbc.sql("UPDATE payment SET currency = 'EUR' WHERE reference_id = 'r-currency'").update();
		jdbc.sql("UPDATE payment SET status = 'SETTLED', gateway_id = 'gw-lost' WHERE reference_id = 'r-missing'")
			.update();
		Map<String, Object> paymentsBefore = paymentTable();

		// when the date is reconciled from the gateway's list
		Reconciliations.Outcome outcome = reconciliations.reconcile(TODAY);

		// then each payment is in one category, the stranger's charge is unknown
		assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		ReconciliationSummary summary = outcome.summary();
		assertThat(summary.counts()).containsExactly(entry("MATCHED", 2L), entry("MISSING_AT_GATEWAY", 1L),
				entry("UNKNOWN_TO_US", 1L), entry("AMOUNT_MISMATCH", 1L), entry("CURRENCY_MISMATCH", 1L),
				entry("STATUS_MISMATCH", 1L), entry("DUPLICATE_CHARGE", 1L), entry("PENDING_AT_GATEWAY", 1L));
		assertThat(summary.exceptions())
			.extracting(ExceptionEntry::referenceId, ExceptionEntry::category, ExceptionEntry::status,
					ExceptionEntry::gatewayStatus, ExceptionEntry::gatewayCharges)
			.containsExactlyInAnyOrder(tuple("r-amount", "AMOUNT_MISMATCH", "SETTLED", "completed", 1),
					tuple("r-currency", "CURRENCY_MISMATCH", "SETTLED", "completed", 1),
					tuple("r-missing", "MISSING_AT_GATEWAY", "SETTLED", null, 0),
					tuple("r-status", "STATUS_MISMATCH", "FAILED", "completed", 1),
					tuple("r-dup", "DUPLICATE_CHARGE", "SETTLED", "completed", 2),
					tuple("r-pending", "PENDING_AT_GATEWAY", "SETTLED", "pending", 1),
					tuple("stranger-1", "UNKNOWN_TO_US", null, "completed", 1));
		ExceptionEntry amount = only(
				summary.exceptions().stream().filter(e -> e.category().equals("AMOUNT_MISMATCH")).toList());
		assertThat(amount.amount()).hasToString("12.00");
		assertThat(amount.gatewayAmount()).hasToString("11.00");
		assertThat(amount.correlationId()).isNotBlank();
		assertThat(amount.foundAt()).isNotNull();
		// both sides of a currency mismatch, and the gateway's id of the charge
		assertThat(summary.exceptions()).filteredOn(e -> e.category().equals("CURRENCY_MISMATCH"))
			.extracting(ExceptionEntry::currency, ExceptionEntry::gatewayCurrency)
			.containsExactly(tuple("EUR", "USD"));
		// the charges were read a page of two at a time, and nothing was changed here
		StepExecution load = only(stepExecutions(outcome.execution().getId(), "loadCharges"));
		assertThat(load.getReadCount()).isEqualTo(8);
		assertThat(load.getWriteCount()).isEqualTo(8);
		assertThat(only(stepExecutions(outcome.execution().getId(), "compareCharges")).getWriteCount()).isEqualTo(7);
		assertThat(paymentTable()).isEqualTo(paymentsBefore);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM reconciliation_charge").query(Long.class).single()).isZero();
		// and the alerts' event was published with the run's open exceptions
		ReconciliationFinished finished = only(events.stream(ReconciliationFinished.class).toList());
		assertThat(finished.executionId()).isEqualTo(summary.executionId());
		assertThat(finished.counts()).containsEntry("DUPLICATE_CHARGE", 1L);
		assertThat(finished.openExceptionIds())
			.containsExactlyInAnyOrderElementsOf(summary.exceptions().stream().map(ExceptionEntry::id).toList());
	}

	@Test
	void aReportFileIsReadInsteadOfTheGatewayWhenOneWasDelivered() throws Exception {
		// given two settled payments and the gateway's report file of the date
		settleToday("""
				f-1,File,m-f,f-ok,payment,10.00,USD,acct-1
				f-1,File,m-f,f-off,payment,1.234,KWD,acct-2
				""");
		String created = "2026-11-21T23:31:02Z";
		report(TODAY, """
				g-1,%s,completed,f-ok,payment,1000,USD,acct-1,%s
				g-2,%s,completed,f-off,payment,1230,KWD,acct-2,%s
				g-3,,completed,nobody,payment,500,EUR,acct-3,%s
				g-4,,failed,f-ok,payment,1000,USD,acct-1,%s
				""".formatted(uniqueKeyOf("f-ok"), created, uniqueKeyOf("f-off"), created, created, created));
		long pagesBefore = sandbox.ledger().requestCount();

		// when the date is reconciled
		Reconciliations.Outcome outcome = reconciliations.reconcile(TODAY);

		// then the file was the gateway side: a failed row is no charge, and the gateway
		// was not asked
		assertThat(outcome.summary().source()).isEqualTo(TODAY + ".csv");
		assertThat(outcome.summary().counts()).containsEntry("MATCHED", 1L)
			.containsEntry("AMOUNT_MISMATCH", 1L)
			.containsEntry("UNKNOWN_TO_US", 1L);
		assertThat(outcome.summary().exceptions()).filteredOn(e -> e.category().equals("AMOUNT_MISMATCH"))
			.extracting(e -> e.amount().toPlainString(), e -> e.gatewayAmount().toPlainString())
			.containsExactly(tuple("1.234", "1.230"));
		StepExecution load = only(stepExecutions(outcome.execution().getId(), "loadCharges"));
		assertThat(load.getReadCount()).isEqualTo(4);
		assertThat(load.getFilterCount()).isEqualTo(1);
		assertThat(sandbox.ledger().requestCount()).isEqualTo(pagesBefore);
	}

	@Test
	void aReportFileWithABrokenRowFailsTheRunSayingWhere() throws Exception {
		report(TODAY, "g-1,k-1,completed,x,payment,ten,USD,acct-1,2026-11-21T23:31:02Z\n");

		Reconciliations.Outcome outcome = reconciliations.reconcile(TODAY);

		assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(outcome.summary()).isNull();
		assertThat(
				only(stepExecutions(outcome.execution().getId(), "loadCharges")).getExitStatus().getExitDescription())
			.contains(TODAY + ".csv line 2");
	}

	@Test
	void reconcilingADateAgainIsANewExecutionAndTheLatestIsTheAnswer() throws Exception {
		// given a date reconciled once with everything matched
		settleToday("a-1,Again,m-a,a-ok,payment,10.00,USD,acct-1\n");
		Reconciliations.Outcome first = reconciliations.reconcile(TODAY);
		assertThat(first.summary().allMatched()).isTrue();

		// when a charge appears late and the date is reconciled again
		chargeBehindOurBack(UUID.randomUUID().toString(), "late-1", 700, "USD", "acct-7");
		Reconciliations.Outcome second = reconciliations.reconcile(TODAY);

		// then the second run is a new execution, and the date's answer
		assertThat(second.execution().getId()).isGreaterThan(first.execution().getId());
		assertThat(second.execution().getJobInstanceId()).isNotEqualTo(first.execution().getJobInstanceId());
		assertThat(reconciliations.latest(TODAY).orElseThrow().executionId()).isEqualTo(second.execution().getId());
		assertThat(reconciliations.latest(TODAY).orElseThrow().counts()).containsEntry("UNKNOWN_TO_US", 1L)
			.containsEntry("MATCHED", 1L);
		assertThat(reconciliations.recent(10)).extracting(ReconciliationSummary::executionId)
			.containsExactly(second.execution().getId());
	}

	@Test
	void aDateBeingReconciledByAnotherProcessIsRefusedAndNothingRuns() {
		// given another process reconciling today, its lease alive for a minute
		jdbc.sql("INSERT INTO job_lease (lease_key, owner, locked_until) VALUES (?, ?, ?)")
			.params(Reconciliations.leaseKey(TODAY), "4242@other-node", OffsetDateTime.now().plusMinutes(1))
			.update();
		long executionsBefore = reconciliationExecutions();

		// when this process reconciles the same date
		// then it is refused as a conflict, and no run starts
		assertThatThrownBy(() -> reconciliations.reconcile(TODAY)).isInstanceOfSatisfying(RefusedException.class,
				e -> assertThat(e).extracting(RefusedException::kind, RefusedException::getMessage)
					.containsExactly(RefusedException.Kind.CONFLICT,
							"reconciliation " + TODAY + " is being run by another process or node"));
		assertThat(reconciliationExecutions()).isEqualTo(executionsBefore);

		// and once that lease has lapsed, the date is reconciled, and its lease row goes
		jdbc.sql("UPDATE job_lease SET locked_until = ? WHERE lease_key = ?")
			.params(OffsetDateTime.now().minusMinutes(1), Reconciliations.leaseKey(TODAY))
			.update();
		assertThat(reconciliations.reconcile(TODAY).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM job_lease WHERE lease_key = ?")
			.param(Reconciliations.leaseKey(TODAY))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anArchivedDateIsRefusedAndNothingRuns() {
		// given a date retention archived (its rows in the archive, gone from the
		// database)
		LocalDate archived = TODAY.minusDays(120);
		jdbc.sql("""
				INSERT INTO archived_date (business_date, manifest_sha256, batches, payments, job_execution_id,
				                           archived_at, removed_at)
				VALUES (?, ?, 1, 2, 0, ?, ?)""")
			.params(archived, "0".repeat(64), OffsetDateTime.now(), OffsetDateTime.now())
			.update();
		long executionsBefore = reconciliationExecutions();

		// when it is reconciled
		// then it is refused, saying where its reconciliation is, and no run starts
		assertThatThrownBy(() -> reconciliations.reconcile(archived)).isInstanceOfSatisfying(RefusedException.class,
				e -> assertThat(e).extracting(RefusedException::kind, RefusedException::getMessage)
					.containsExactly(RefusedException.Kind.CONFLICT,
							"business date " + archived + " is archived: its payments and its reconciliation are in "
									+ "the archive (settle archive show " + archived + ")"));
		assertThat(reconciliationExecutions()).isEqualTo(executionsBefore);
	}

	private long reconciliationExecutions() {
		return jdbc
			.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
					+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'reconciliation'")
			.query(Long.class)
			.single();
	}

	@Test
	void aResolvedExceptionStaysVisibleAndStaysResolvedWhenTheDateIsReconciledAgain() throws Exception {
		// given an unknown charge found
		chargeBehindOurBack(UUID.randomUUID().toString(), "stranger-2", 250, "USD", "acct-2");
		Reconciliations.Outcome outcome = reconciliations.reconcile(TODAY);
		ExceptionEntry found = only(outcome.summary().exceptions());
		assertThat(jdbc.sql("SELECT event_type FROM alert_event WHERE id = ?")
			.param("reconciliation-exceptions:" + outcome.execution().getId())
			.query(String.class)
			.list()).as("the alert, recorded with the run's result").containsExactly("reconciliation.exceptions");

		// when a person resolves it
		reconciliations.resolve(found.id(), "a test charge of the gateway's support desk", person("alice"));

		// then it is resolved, visible, and cannot be resolved twice or without a remark
		ExceptionEntry resolved = only(reconciliations.latest(TODAY).orElseThrow().exceptions());
		assertThat(resolved.open()).isFalse();
		assertThat(resolved.resolvedBy()).isEqualTo("alice");
		assertThat(resolved.remark()).isEqualTo("a test charge of the gateway's support desk");
		assertThat(reconciliations.openExceptions(10)).isEmpty();
		assertThatThrownBy(() -> reconciliations.resolve(found.id(), "again", person("bob"))).isInstanceOfSatisfying(
				RefusedException.class, e -> assertThat(e.kind()).isEqualTo(RefusedException.Kind.CONFLICT));
		assertThatThrownBy(() -> reconciliations.resolve(found.id() + 1000, "x", person("bob"))).isInstanceOfSatisfying(
				RefusedException.class, e -> assertThat(e.kind()).isEqualTo(RefusedException.Kind.NOT_FOUND));
		assertThatThrownBy(() -> reconciliations.resolve(found.id(), " ", person("bob"))).isInstanceOfSatisfying(
				RefusedException.class, e -> assertThat(e.kind()).isEqualTo(RefusedException.Kind.BAD_INPUT));
		// and the next run of the date finds it again, already resolved
		ReconciliationSummary again = reconciliations.reconcile(TODAY).summary();
		assertThat(only(again.exceptions())).extracting(ExceptionEntry::resolvedBy, ExceptionEntry::open)
			.containsExactly("alice", false);
		assertThat(events.stream(ReconciliationFinished.class).toList()).last()
			.satisfies(event -> assertThat(event.openExceptionIds()).isEmpty());
	}

	private Map<String, Object> paymentTable() {
		List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM payment ORDER BY id").query().listOfRows();
		return Map.of("rows", rows.toString());
	}

	private static Actor person(String name) {
		return new Actor(name, Actor.PERSON, "operator", Origin.API, "127.0.0.1");
	}

}
