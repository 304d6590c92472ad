package com.settlebatch.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs {@link NightWatch} every {@code settle.alerts.check-interval} on every node that
 * stays up: {@code settle serve} (whatever its cluster role) and {@code settle worker}.
 */
@Component
@ConditionalOnExpression("${settle.serve.enabled:false} or '${settle.cluster.role:both}'.toLowerCase() == 'worker'")
class Watchman implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Watchman.class);

	private final NightWatch watch;

	private final AlertProperties properties;

	private ThreadPoolTaskScheduler scheduler;

	Watchman(NightWatch watch, AlertProperties properties) {
		this.watch = watch;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("settle-watch-");
		scheduler.setPoolSize(1);
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::check, properties.checkInterval());
	}

	private void check() {
		try {
			watch.check();
		}
		catch (RuntimeException e) {
			log.warn("alert check failed: {}", e.getMessage(), e);
		}
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			scheduler.shutdown();
			scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

}
