package com.settlebatch.reconciliation;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.settlebatch.ops.CronThread;
import com.settlebatch.ops.ScheduleProperties;

/**
 * In {@code settle serve}: reconciles yesterday again every day at
 * {@code settle.reconciliation.next-day-at}, in the settlement schedule's zone, for the
 * charges a gateway lists late. Its own thread, so it never waits on a settlement. Not on
 * a worker node, nor when the time is empty.
 */
@Component
@ConditionalOnExpression("${settle.serve.enabled:false} and '${settle.cluster.role:both}'.toLowerCase() != 'worker'"
		+ " and '${settle.reconciliation.next-day-at:}' != ''")
class NextDayReconciliation implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NextDayReconciliation.class);

	private final Reconciliations reconciliations;

	private final ReconciliationProperties properties;

	private final ScheduleProperties schedule;

	private final Clock clock;

	private final CronThread thread = new CronThread("settle-reconcile-", this::reconcileYesterday);

	NextDayReconciliation(Reconciliations reconciliations, ReconciliationProperties properties,
			ScheduleProperties schedule, Clock clock) {
		this.reconciliations = reconciliations;
		this.properties = properties;
		this.schedule = schedule;
		this.clock = clock;
	}

	@Override
	public void start() {
		thread.start(CronThread.daily(properties.nextDayAt(), schedule.zoneId()), false);
		log.info("next-day reconciliation scheduled: every day at {} ({})", properties.nextDayAt(), schedule.zoneId());
	}

	private void reconcileYesterday() {
		LocalDate yesterday = LocalDate.now(clock.withZone(schedule.zoneId())).minusDays(1);
		try {
			Reconciliations.Outcome outcome = reconciliations.reconcile(yesterday);
			log.info("next-day reconciliation {}: execution {} {}", yesterday, outcome.execution().getId(),
					outcome.execution().getStatus());
		}
		catch (RuntimeException e) {
			// A failed morning must not unschedule the next one.
			log.error("next-day reconciliation {} failed: {}", yesterday, e.getMessage(), e);
		}
	}

	@Override
	public void stop() {
		thread.stop();
	}

	@Override
	public boolean isRunning() {
		return thread.isRunning();
	}

}
