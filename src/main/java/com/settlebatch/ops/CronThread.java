package com.settlebatch.ops;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * One task of {@code settle serve} on a single thread of its own, fired by a cron: a long
 * firing delays the next instead of overlapping it, and never waits on another schedule's
 * task. The owner (a {@code SmartLifecycle}) starts and stops it with the application;
 * the task catches its own failures, so that a failed firing is reported in the task's
 * words and never unschedules the next.
 */
public final class CronThread {

	private final String name;

	private final Runnable task;

	private ThreadPoolTaskScheduler executor;

	private ScheduledFuture<?> firings;

	/**
	 * @param name the thread's name prefix, as the logs show it
	 */
	public CronThread(String name, Runnable task) {
		this.name = name;
		this.task = task;
	}

	/**
	 * The cron of a task run once a day at the given hour and minute.
	 */
	public static CronTrigger daily(LocalTime at, ZoneId zone) {
		return new CronTrigger("0 " + at.getMinute() + " " + at.getHour() + " * * *", zone);
	}

	/**
	 * @param runNow whether the task also runs at once, before its first firing (a
	 * catch-up at start-up)
	 */
	public synchronized void start(CronTrigger trigger, boolean runNow) {
		executor = new ThreadPoolTaskScheduler();
		executor.setThreadNamePrefix(name);
		executor.setPoolSize(1);
		executor.initialize();
		if (runNow) {
			executor.execute(task);
		}
		firings = executor.schedule(task, trigger);
	}

	public synchronized void stop() {
		if (firings != null) {
			firings.cancel(false);
		}
		if (executor != null) {
			executor.shutdown();
		}
		executor = null;
		firings = null;
	}

	public synchronized boolean isRunning() {
		return executor != null;
	}

}
