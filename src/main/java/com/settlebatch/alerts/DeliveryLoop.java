package com.settlebatch.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Delivers alerts in every process that runs the application (a command, a service, a
 * worker): it starts with what earlier processes left undelivered, a process killed
 * between an event and its delivery among them, then looks every poll interval. On the
 * way out it makes one last round, so that the run a command just finished is told.
 */
@Component
@ConditionalOnProperty(name = "settle.alerts.delivery.enabled", havingValue = "true", matchIfMissing = true)
class DeliveryLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

	private final Deliveries deliveries;

	private final AlertProperties properties;

	private ThreadPoolTaskScheduler scheduler;

	DeliveryLoop(Deliveries deliveries, AlertProperties properties) {
		this.deliveries = deliveries;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("settle-alerts-");
		scheduler.setPoolSize(1);
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::round, properties.delivery().pollInterval());
	}

	private void round() {
		try {
			deliveries.deliverDue();
		}
		catch (RuntimeException e) {
			// The database may be away for a moment: the next round tries again.
			log.warn("alert delivery round failed: {}", e.getMessage(), e);
		}
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			scheduler.shutdown();
			scheduler = null;
			round();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

	/** Stopped before the database and the jobs' pools it needs. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

}
