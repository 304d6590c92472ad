package com.settlebatch.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * A settlement run's payments per time bucket, from what its partitions' step executions
 * counted: each partition's gateway outcomes are spread evenly over the span it ran in.
 * The chart is as fine as the partitions are (a pass is cut into up to
 * {@code max-partitions}, settled a few at a time), and it costs a few dozen rows of the
 * job repository however many payments the run settled; counting the payments' own
 * outcome times cost a scan of every payment of the run (2 s for a run of a million).
 */
final class Pace {

	/**
	 * What one partition counted.
	 *
	 * @param end when it ended; while it runs, its last commit
	 * @param payments its gateway outcomes: settled, declined or failed
	 */
	record Partition(Instant start, Instant end, long payments) {
	}

	private Pace() {
	}

	/**
	 * @return the payments of each of {@code buckets} buckets of {@code width} seconds
	 * from {@code first}; a span outside them counts in the nearest one, so the buckets
	 * add up to every payment
	 */
	static long[] perBucket(List<Partition> partitions, Instant first, long width, int buckets) {
		long[] counts = new long[buckets];
		long origin = first.toEpochMilli();
		long widthMillis = width * 1000;
		for (Partition partition : partitions) {
			long start = partition.start().toEpochMilli();
			long end = Math.max(start, partition.end().toEpochMilli());
			long placed = 0;
			for (long bucket = bucket(start, origin, widthMillis, buckets); placed < partition.payments(); bucket++) {
				long bucketEnd = origin + (bucket + 1) * widthMillis;
				long upTo = bucket == buckets - 1 || bucketEnd >= end ? partition.payments()
						: Math.multiplyExact(partition.payments(), bucketEnd - start) / (end - start);
				counts[(int) bucket] += upTo - placed;
				placed = upTo;
			}
		}
		return counts;
	}

	private static long bucket(long at, long origin, long widthMillis, int buckets) {
		return Math.max(0, Math.min(buckets - 1, Math.floorDiv(at - origin, widthMillis)));
	}

}
