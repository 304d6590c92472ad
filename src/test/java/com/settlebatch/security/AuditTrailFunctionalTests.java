package com.settlebatch.security;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Origin;
import com.settlebatch.audit.Outcome;
import com.settlebatch.schedule.SettlementScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail itself: append-only, transactional with the change, fed by the
 * scheduler.
 */
class AuditTrailFunctionalTests extends SecurityTestSupport {

	@Autowired
	Audit audit;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	SettlementScheduler scheduler;

	@Test
	void theTrailRefusesUpdateDeleteAndTruncateEvenToTheApplication() {
		// given a row (H2 guards it with a Java trigger, PostgreSQL with a PL/pgSQL one)
		audit.record(Actor.system(Origin.SCHEDULER), "test.append-only", "row", Outcome.OK);
		long id = lastAuditId();

		// when it is changed, removed, or the table emptied, then each is refused
		assertThatThrownBy(
				() -> jdbc.sql("UPDATE audit_event SET actor = 'someone else' WHERE id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update()).isInstanceOf(DataAccessException.class);
		// and the row is as it was
		assertThat(auditRows("id = ? AND actor = 'settle' AND action = 'test.append-only'", id)).isEqualTo(1);
	}

	@Test
	void aRowRecordedInTheChangesTransactionRollsBackWithIt() {
		long before = lastAuditId();

		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			audit.record(Actor.commandLine(), "test.rolled-back", "row", Outcome.OK);
			status.setRollbackOnly();
		});
		audit.record(Actor.commandLine(), "test.committed", "row", Outcome.OK);

		assertThat(auditRows("id > ? AND action = 'test.rolled-back'", before)).isZero();
		assertThat(auditRows("id > ? AND action = 'test.committed' AND origin = 'CLI' AND actor = ?", before,
				System.getProperty("user.name")))
			.isEqualTo(1);
	}

	@Test
	void theSchedulersRunIsInTheTrailAsItsOwnAction() {
		long before = lastAuditId();

		scheduler.runFor(LocalDate.of(2026, 11, 21));

		assertThat(auditRows(
				"id > ? AND actor = 'settle' AND actor_kind = 'SYSTEM' AND origin = 'SCHEDULER' "
						+ "AND action = 'settlement.started' AND target LIKE 'business date 2026-11-21, execution %'",
				before))
			.isEqualTo(1);
	}

}
