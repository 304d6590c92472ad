package com.settlebatch.dashboard;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's bucket width: one second while it fits, then wide enough to keep about 120
 * bars.
 */
class DashboardQueriesTests {

	@Test
	void bucketsAreOneSecondUpToTwoMinutesThenWidenToKeepTheChartReadable() {
		assertThat(DashboardQueries.bucketSeconds(Duration.ZERO)).isEqualTo(1);
		assertThat(DashboardQueries.bucketSeconds(Duration.ofMillis(300))).isEqualTo(1);
		assertThat(DashboardQueries.bucketSeconds(Duration.ofSeconds(120))).isEqualTo(1);
		assertThat(DashboardQueries.bucketSeconds(Duration.ofSeconds(121))).isEqualTo(2);
		assertThat(DashboardQueries.bucketSeconds(Duration.ofHours(1))).isEqualTo(30);
		assertThat(DashboardQueries.bucketSeconds(Duration.ofHours(10))).isEqualTo(300);
	}

}
