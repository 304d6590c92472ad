package com.settlebatch.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The timer behind the nightly settlement and the next-day reconciliation. */
class CronThreadTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private CronThread thread;

	@AfterEach
	void stop() {
		if (thread != null) {
			thread.stop();
		}
	}

	@Test
	void aDailyTimeFiresAtThatHourOfTheScheduleZoneAcrossASummerTimeChange() {
		CronTrigger sixAm = CronThread.daily(LocalTime.of(6, 0), BERLIN);

		// Berlin moves its clocks forward on 29 March 2026 at 02:00.
		Instant saturday = sixAm.nextExecution(at("2026-03-28T10:00:00Z"));
		Instant sunday = sixAm.nextExecution(at("2026-03-29T10:00:00Z"));

		assertThat(saturday).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
		assertThat(sunday).isEqualTo(Instant.parse("2026-03-30T04:00:00Z"));
		assertThat(saturday.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(6, 0));
	}

	@Test
	void aDailyTimeLaterTodayFiresTodayAndOneAlreadyPastFiresTomorrow() {
		CronTrigger quarterPastSix = CronThread.daily(LocalTime.of(6, 15), ZoneOffset.UTC);

		assertThat(quarterPastSix.nextExecution(at("2026-12-06T06:14:59Z")))
			.isEqualTo(Instant.parse("2026-12-06T06:15:00Z"));
		assertThat(quarterPastSix.nextExecution(at("2026-12-06T06:15:00Z")))
			.isEqualTo(Instant.parse("2026-12-07T06:15:00Z"));
	}

	@Test
	void aFiringThatFailsDoesNotUnscheduleTheNext() throws InterruptedException {
		AtomicInteger firings = new AtomicInteger();
		CountDownLatch second = new CountDownLatch(2);
		thread = new CronThread("cron-test-", () -> {
			int firing = firings.incrementAndGet();
			second.countDown();
			if (firing == 1) {
				throw new IllegalStateException("the first night fails");
			}
		});

		thread.start(new CronTrigger("* * * * * *"), false);

		assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(firings.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void runNowRunsTheTaskAtOnceBeforeItsFirstFiringAndStopEndsTheThread() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		thread = new CronThread("cron-test-", ran::countDown);

		// New Year's midnight: far enough that only the run at once can have happened.
		thread.start(new CronTrigger("0 0 0 1 1 *"), true);

		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(thread.isRunning()).isTrue();
		thread.stop();
		assertThat(thread.isRunning()).isFalse();
	}

	private static SimpleTriggerContext at(String instant) {
		return new SimpleTriggerContext(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
	}

}
