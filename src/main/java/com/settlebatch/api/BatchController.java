package com.settlebatch.api;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.settlebatch.batches.BatchLifecycle;
import com.settlebatch.batches.BatchListFilter;
import com.settlebatch.batches.BatchNotFoundException;
import com.settlebatch.batches.BatchQueries;
import com.settlebatch.batches.BatchStatus;
import com.settlebatch.batches.BatchSummary;

/** The 6DOT50 batch lifecycle and the USAePay batch list. */
@RestController
@RequestMapping("/batches")
class BatchController {

	private static final Set<String> LIST_PARAMETERS = Set.of("limit", "offset", "openedlt", "openedgt", "openedle",
			"openedge", "closedlt", "closedgt", "closedle", "closedge", "merchant", "status");

	private final BatchQueries queries;

	private final BatchLifecycle lifecycle;

	private final DraftBatches drafts;

	private final Clock clock;

	private final ApiLimits limits;

	BatchController(BatchQueries queries, BatchLifecycle lifecycle, DraftBatches drafts, Clock clock,
			ApiLimits limits) {
		this.queries = queries;
		this.lifecycle = lifecycle;
		this.drafts = drafts;
		this.clock = clock;
		this.limits = limits;
	}

	/** Newest first; {@code total} counts every batch the filters match. */
	@GetMapping
	BatchJson.BatchList list(@RequestParam MultiValueMap<String, String> parameters) {
		QueryParams query = QueryParams.of(parameters, LIST_PARAMETERS);
		int limit = query.integer("limit", 20, 1, 1000);
		int offset = query.integer("offset", 0, 0, Integer.MAX_VALUE);
		BatchListFilter filter = new BatchListFilter(query.date("openedlt"), query.date("openedgt"),
				query.date("openedle"), query.date("openedge"), query.date("closedlt"), query.date("closedgt"),
				query.date("closedle"), query.date("closedge"), query.text("merchant"),
				query.enumValue("status", BatchStatus.class));
		BatchQueries.Page page = queries.list(filter, limit, offset);
		return BatchJson.BatchList.of(page, clock, drafts.draftPaymentCounts(page.data()));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<BatchJson.Batch> create(InputStream body) {
		BatchRequests.NewBatch batch = BatchRequests.create(parse(body));
		String id = drafts.create(batch);
		return ResponseEntity.created(URI.create("/batches/" + id)).body(batch(id));
	}

	@GetMapping("/statusCodes")
	List<StatusCode> statusCodes() {
		return StatusCode.of(BatchStatus.class, BatchStatus::description);
	}

	@GetMapping("/{id}")
	BatchJson.Batch get(@PathVariable String id) {
		return batch(id);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	BatchJson.Batch update(@PathVariable String id, InputStream body) {
		BatchRequests.Changes changes = BatchRequests.update(parse(body));
		drafts.update(id, changes);
		return batch(id);
	}

	@PostMapping("/{id}/submit")
	BatchJson.Batch submit(@PathVariable String id) {
		lifecycle.submit(id);
		return batch(id);
	}

	@PostMapping("/{id}/cancel")
	BatchJson.Batch cancel(@PathVariable String id) {
		lifecycle.cancel(id);
		return batch(id);
	}

	private BatchJson.Batch batch(String id) {
		BatchSummary batch = queries.find(id).orElseThrow(() -> new BatchNotFoundException(id));
		return BatchJson.Batch.of(batch, drafts.processInSequence(id),
				drafts.draftPaymentCounts(List.of(batch)).get(id));
	}

	private JsonBody.Parsed parse(InputStream body) {
		return JsonBody.parse(JsonBody.read(body, limits.maxBodyBytes()), 0);
	}

}
