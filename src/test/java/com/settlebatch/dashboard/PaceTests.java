package com.settlebatch.dashboard;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaceTests {

	private static final Instant FIRST = Instant.parse("2026-11-21T22:00:00Z");

	@Test
	void aPartitionsPaymentsAreSpreadEvenlyOverTheSecondsItRanIn() {
		// given a partition that settled 8 payments from 0.5 s to 4.5 s
		Pace.Partition partition = new Pace.Partition(at(500), at(4_500), 8);

		// when they are counted per second and per two seconds
		long[] perSecond = Pace.perBucket(List.of(partition), FIRST, 1, 6);
		long[] perTwo = Pace.perBucket(List.of(partition), FIRST, 2, 3);

		// then each bucket holds its share of the span
		assertThat(perSecond).containsExactly(1, 2, 2, 2, 1, 0);
		assertThat(perTwo).containsExactly(3, 4, 1);
	}

	@Test
	void theBucketsAddUpToEveryPaymentWhateverTheRounding() {
		// given partitions whose payments do not divide evenly over their seconds, side
		// by side
		List<Pace.Partition> partitions = List.of(new Pace.Partition(at(100), at(3_100), 7),
				new Pace.Partition(at(200), at(2_900), 5), new Pace.Partition(at(1_300), at(5_950), 11));

		// when they are counted per second
		long[] perSecond = Pace.perBucket(partitions, FIRST, 1, 6);

		// then no payment is lost or counted twice
		assertThat(perSecond).containsExactly(3, 5, 7, 3, 2, 3);
		assertThat(Arrays.stream(perSecond).sum()).isEqualTo(23);
	}

	@Test
	void aPartitionWithinOneBucketOrStillAtItsStartCountsInThatBucket() {
		// given a partition of 3 payments within the third second, and one that has
		// committed 2 payments at the instant it started
		List<Pace.Partition> partitions = List.of(new Pace.Partition(at(2_100), at(2_800), 3),
				new Pace.Partition(at(4_000), at(4_000), 2));

		// when they are counted per second
		long[] perSecond = Pace.perBucket(partitions, FIRST, 1, 5);

		// then each lands in its own second
		assertThat(perSecond).containsExactly(0, 0, 3, 0, 2);
	}

	@Test
	void aSpanBeyondTheBucketsCountsInTheNearestOne() {
		// given partitions that began before the first bucket and ended after the last
		// (clocks of other machines, a run read while it went on)
		List<Pace.Partition> partitions = List.of(new Pace.Partition(at(-1_000), at(1_000), 4),
				new Pace.Partition(at(2_000), at(9_000), 7));

		// when they are counted over three seconds
		long[] perSecond = Pace.perBucket(partitions, FIRST, 1, 3);

		// then nothing falls outside
		assertThat(perSecond).containsExactly(4, 0, 7);
	}

	private static Instant at(long millis) {
		return FIRST.plusMillis(millis);
	}

}
