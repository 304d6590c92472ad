package com.settlebatch.schedule;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

import com.settlebatch.ops.CronThread;
import com.settlebatch.ops.ScheduleProperties;
import com.settlebatch.retention.RetentionRunner;

/**
 * In {@code settle serve}: catches up missed dates as soon as the service is up, then
 * fires the nightly run on the cron of {@code jobs/settlement.yml}. Its own single
 * thread, so a long run delays the next firing rather than overlapping it. Not on a node
 * whose cluster role is worker: runs are launched by managers.
 */
@Component
@ConditionalOnExpression("${settle.serve.enabled:false} and '${settle.cluster.role:both}'.toLowerCase() != 'worker'")
class NightlySettlement implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NightlySettlement.class);

	private final SettlementScheduler scheduler;

	private final ScheduleProperties properties;

	private final RetentionRunner retention;

	private final CronThread thread = new CronThread("settle-nightly-", this::catchUp);

	NightlySettlement(SettlementScheduler scheduler, ScheduleProperties properties, RetentionRunner retention) {
		this.scheduler = scheduler;
		this.properties = properties;
		this.retention = retention;
	}

	@Override
	public void start() {
		thread.start(new CronTrigger(properties.cron(), properties.zoneId()), true);
		log.info("nightly settlement scheduled: cron '{}' ({})", properties.cron(), properties.zoneId());
	}

	/**
	 * The nightly firing is a catch-up too: it runs today and anything still due before
	 * it, then retention (settle.retention.after-settlement) when it ran a night, on this
	 * same thread so that it never runs beside the night it follows. A start-up with
	 * nothing due runs no retention.
	 */
	private void catchUp() {
		List<LocalDate> settled;
		try {
			settled = scheduler.catchUp();
		}
		catch (RuntimeException e) {
			// A failed night must not unschedule the next one.
			log.error("scheduled settlement failed: {}", e.getMessage(), e);
			return;
		}
		if (!settled.isEmpty()) {
			retention.afterSettlement();
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
