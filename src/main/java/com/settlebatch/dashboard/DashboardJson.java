package com.settlebatch.dashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The JSON shapes of the dashboard's own endpoints; times carry their offset (UTC). */
final class DashboardJson {

	private DashboardJson() {
	}

	/** Payments whose gateway outcome was stored in the bucket starting {@code at}. */
	record Point(OffsetDateTime at, long payments) {
	}

	/**
	 * @param bucketSeconds the width of every point; payments/s is
	 * {@code payments / bucketSeconds}
	 * @param note why there are no points, when there are none by design
	 */
	record Throughput(long executionId, String job, LocalDate businessDate, OffsetDateTime from, OffsetDateTime to,
			long bucketSeconds, long payments, List<Point> points, String note) {

		static Throughput empty(DashboardQueries.Span span, String note) {
			return new Throughput(span.executionId(), span.job(), span.businessDate(), null, null, 1, 0, List.of(),
					note);
		}

	}

}
