package com.settlebatch.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The two read-only answers the dashboard needs beyond the REST API. Not exempt from the
 * security chain: like every other data path they need a viewer's bearer token.
 * Everything else the page shows comes from the API itself ({@code /executions},
 * {@code /batches}), so the page and scripts see the same numbers.
 */
@RestController
@RequestMapping("/dashboard")
@Tag(name = "dashboard", description = "What the dashboard shows beyond the rest of the API; read-only")
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
	@Operation(operationId = "executionThroughput",
			summary = "A settlement run's payments per time bucket, from its start to its end (or now)")
	@ApiResponse(responseCode = "200", description = "the points; none, with a note, for a run that sends no payment")
	@ApiResponse(responseCode = "400", description = "the id is not a whole number")
	@ApiResponse(responseCode = "404", description = "no such execution")
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
		OffsetDateTime first = OffsetDateTime.ofInstant(from.toInstant().truncatedTo(ChronoUnit.SECONDS),
				ZoneOffset.UTC);
		int buckets = (int) (Duration.between(first, to).toSeconds() / width + 1);
		long[] counts = Pace.perBucket(queries.partitions(id), first.toInstant(), width, buckets);
		List<DashboardJson.Point> points = new ArrayList<>();
		long total = 0;
		for (int i = 0; i < buckets; i++) {
			total += counts[i];
			points.add(new DashboardJson.Point(first.plusSeconds(i * width), counts[i]));
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
	@Operation(operationId = "paymentsNeedingAttention",
			summary = "The FAILED payments, newest first, with what a person needs to chase them")
	@ApiResponse(responseCode = "200", description = "the newest FAILED payments and how many there are")
	@ApiResponse(responseCode = "400", description = "limit is not a whole number from 1 to 1000")
	DashboardQueries.AttentionPage attention(@Parameter(description = "how many",
			schema = @Schema(minimum = "1", maximum = "1000")) @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
		}
		return queries.attention(limit);
	}

}
