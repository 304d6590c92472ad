package com.settlebatch.alerts;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.settlebatch.reconciliation.ReconciliationFinished;

/**
 * A reconciliation that leaves exceptions open is an event. A plain listener, not a
 * transactional one: it runs inside the transaction that stores the run's result, so the
 * outbox row commits or rolls back with what it reports.
 */
@Component
class ReconciliationAlerts {

	private final Alerts alerts;

	ReconciliationAlerts(Alerts alerts) {
		this.alerts = alerts;
	}

	@EventListener
	void on(ReconciliationFinished finished) {
		alerts.reconciliationFinished(finished.businessDate(), finished.executionId(), finished.counts(),
				finished.openExceptionIds());
	}

}
