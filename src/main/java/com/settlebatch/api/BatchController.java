package com.settlebatch.api;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "batches", description = "The 6DOT50 batch lifecycle and the USAePay batch list")
@ApiResponse(responseCode = "401", description = OpenApiDocument.UNAUTHORIZED,
		content = @Content(schema = @Schema(implementation = ApiError.class)))
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
	@Operation(operationId = "listBatches", summary = "List batches, newest first (the USAePay list)",
			description = "Dates are the server's calendar days as YYYYmmdd; an unknown or repeated parameter is "
					+ "refused.",
			parameters = {
					@Parameter(in = ParameterIn.QUERY, name = "limit", description = "page size",
							schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "20")),
					@Parameter(in = ParameterIn.QUERY, name = "offset", description = "batches skipped",
							schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")),
					@Parameter(in = ParameterIn.QUERY, name = "openedlt", description = "opened before that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "openedgt", description = "opened after that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "openedle", description = "opened on or before that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "openedge", description = "opened on or after that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "closedlt", description = "closed before that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "closedgt", description = "closed after that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "closedle", description = "closed on or before that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "closedge", description = "closed on or after that day",
							schema = @Schema(type = "string", pattern = "^[0-9]{8}$", example = "20261121")),
					@Parameter(in = ParameterIn.QUERY, name = "merchant", description = "only this merchant's batches",
							schema = @Schema(type = "string")),
					@Parameter(in = ParameterIn.QUERY, name = "status",
							schema = @Schema(implementation = BatchStatus.class)) })
	@ApiResponse(responseCode = "200", description = "a page of batches; total counts all that match")
	@ApiResponse(responseCode = "400", description = "an unknown, repeated or malformed parameter")
	BatchJson.BatchList list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
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
	@Operation(operationId = "createBatch", summary = "Create a DRAFT batch",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = RequestBodies.NewBatch.class))))
	@ApiResponse(responseCode = "201", description = "created; Location names it")
	@ApiResponse(responseCode = "400", description = "the body breaks a field rule; every problem is listed")
	@ApiResponse(responseCode = "409", description = "the externalId is taken")
	@ApiResponse(responseCode = "413", description = "the body is larger than settle.api.max-body-bytes")
	ResponseEntity<BatchJson.Batch> create(InputStream body) {
		BatchRequests.NewBatch batch = BatchRequests.create(parse(body));
		String id = drafts.create(batch);
		return ResponseEntity.created(URI.create("/batches/" + id)).body(batch(id));
	}

	@GetMapping("/statusCodes")
	@Operation(operationId = "batchStatusCodes", summary = "The batch status codes with what each means")
	@ApiResponse(responseCode = "200", description = "every status code, in lifecycle order")
	List<StatusCode> statusCodes() {
		return StatusCode.of(BatchStatus.class, BatchStatus::description);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getBatch", summary = "One batch with its counts and settled totals")
	@ApiResponse(responseCode = "200", description = "the batch")
	@ApiResponse(responseCode = "404", description = "no such batch")
	BatchJson.Batch get(@PathVariable String id) {
		return batch(id);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "updateBatch", summary = "Change a DRAFT batch",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = RequestBodies.BatchChanges.class))))
	@ApiResponse(responseCode = "200", description = "the batch as changed")
	@ApiResponse(responseCode = "400", description = "the body breaks a field rule; every problem is listed")
	@ApiResponse(responseCode = "404", description = "no such batch")
	@ApiResponse(responseCode = "409", description = "the batch is no longer DRAFT, or the externalId is taken")
	@ApiResponse(responseCode = "413", description = "the body is larger than settle.api.max-body-bytes")
	BatchJson.Batch update(@PathVariable String id, InputStream body) {
		BatchRequests.Changes changes = BatchRequests.update(parse(body));
		drafts.update(id, changes);
		return batch(id);
	}

	@PostMapping("/{id}/submit")
	@Operation(operationId = "submitBatch", summary = "Submit a DRAFT batch for the next settlement run")
	@ApiResponse(responseCode = "200", description = "the batch, SUBMITTED")
	@ApiResponse(responseCode = "404", description = "no such batch")
	@ApiResponse(responseCode = "409", description = "the batch is not DRAFT, or has no payment")
	BatchJson.Batch submit(@PathVariable String id) {
		lifecycle.submit(id);
		return batch(id);
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelBatch", summary = "Cancel a batch that has not been settled")
	@ApiResponse(responseCode = "200", description = "the batch, CANCELLED")
	@ApiResponse(responseCode = "404", description = "no such batch")
	@ApiResponse(responseCode = "409", description = "the batch can no longer be cancelled")
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
