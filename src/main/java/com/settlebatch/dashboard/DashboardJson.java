package com.settlebatch.dashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON shapes of the dashboard's own endpoints; times carry their offset (UTC). */
final class DashboardJson {

	private DashboardJson() {
	}

	/**
	 * Payments that got their gateway outcome in the bucket starting {@code at}, each
	 * partition's spread evenly over the span it ran in.
	 */
	record Point(OffsetDateTime at, long payments) {
	}

	/**
	 * @param bucketSeconds the width of every point; payments/s is
	 * {@code payments / bucketSeconds}
	 * @param note why there are no points, when there are none by design
	 */
	record Throughput(long executionId, String job, @Schema(nullable = true, format = "date") LocalDate businessDate,
			@Schema(nullable = true, format = "date-time") OffsetDateTime from,
			@Schema(nullable = true, format = "date-time") OffsetDateTime to, long bucketSeconds, long payments,
			List<Point> points, @Schema(nullable = true) String note) {

		static Throughput empty(DashboardQueries.Span span, String note) {
			return new Throughput(span.executionId(), span.job(), span.businessDate(), null, null, 1, 0, List.of(),
					note);
		}

	}

}
