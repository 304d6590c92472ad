package com.settlebatch.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The two read-only answers the dashboard needs beyond the REST API. Not exempt from the
 * API token filter: like every other data path they need the bearer token. Everything
 * else the page shows comes from the API itself ({@code /executions}, {@code /batches}),
 * so the page and scripts see the same numbers.
 */
@RestController
@RequestMapping("/dashboard")
class DashboardApi {

	private final DashboardQueries queries;

	private final Clock clock;

	DashboardApi(DashboardQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	/**
	 * Payments per bucket over one execution's span; a running execution up to now. Only
	 * a settlement run sends payments; any other job's answer has no points and says why.
	 */
	@GetMapping("/executions/{id}/throughput")
	DashboardJson.Throughput throughput(@PathVariable long id) {
		DashboardQueries.Span span = queries.span(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no job execution " + id));
		if (span.start() == null) {
			return DashboardJson.Throughput.empty(span, "the execution has not started");
		}
		if (span.businessDate() == null) {
			return DashboardJson.Throughput.empty(span, "only settlement runs send payments");
		}
		OffsetDateTime from = DashboardQueries.instant(span.start());
		OffsetDateTime to = DashboardQueries.instant(span.end() != null ? span.end() : LocalDateTime.now(clock));
		long width = DashboardQueries.bucketSeconds(Duration.between(from, to));
		Map<Long, Long> counts = queries.outcomesPerBucket(span.businessDate(), from, to, width);
		OffsetDateTime first = OffsetDateTime.ofInstant(from.toInstant().truncatedTo(ChronoUnit.SECONDS),
				ZoneOffset.UTC);
		long buckets = Duration.between(first, to).toSeconds() / width + 1;
		List<DashboardJson.Point> points = new ArrayList<>();
		long total = 0;
		for (long i = 0; i < buckets; i++) {
			long payments = counts.getOrDefault(i, 0L);
			total += payments;
			points.add(new DashboardJson.Point(first.plusSeconds(i * width), payments));
		}
		return new DashboardJson.Throughput(span.executionId(), span.job(), span.businessDate(),
				from.withOffsetSameInstant(ZoneOffset.UTC), to.withOffsetSameInstant(ZoneOffset.UTC), width, total,
				points, null);
	}

	/**
	 * FAILED payments, newest first: retries ran out, or the gateway may have charged
	 * them unseen.
	 */
	@GetMapping("/payments/attention")
	DashboardQueries.AttentionPage attention(@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
		}
		return queries.attention(limit);
	}

}
