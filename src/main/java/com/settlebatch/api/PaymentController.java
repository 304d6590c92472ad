package com.settlebatch.api;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.settlebatch.batches.BatchNotFoundException;
import com.settlebatch.batches.BatchQueries;
import com.settlebatch.batches.BatchStatus;
import com.settlebatch.batches.BatchSummary;
import com.settlebatch.batches.PaymentStatus;

/**
 * The payments of a batch ({@code /batches/{id}/payments}) and single payments
 * ({@code /payments/{id}}).
 */
@RestController
@Tag(name = "payments", description = "The payments of a batch, and single payments")
@ApiResponse(responseCode = "401", description = OpenApiDocument.UNAUTHORIZED,
		content = @Content(schema = @Schema(implementation = ApiError.class)))
class PaymentController {

	private final BatchQueries queries;

	private final DraftPayments drafts;

	private final ApiLimits limits;

	PaymentController(BatchQueries queries, DraftPayments drafts, ApiLimits limits) {
		this.queries = queries;
		this.drafts = drafts;
		this.limits = limits;
	}

	/**
	 * One payment object answers with that payment, an array with the array of them, in
	 * the order sent.
	 */
	@PostMapping(path = "/batches/{id}/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
	// The body and the answer are one object or an array of them: OpenApiDocument writes
	// the oneOf, which annotations cannot say.
	@Operation(operationId = "addPayments", summary = "Add payments to a DRAFT batch",
			description = "One payment object, or an array of them (all added or none); judged by the same rules "
					+ "as a file's rows.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = RequestBodies.NewPayment.class))))
	@ApiResponse(responseCode = "201",
			description = "the payment added (for an object), or the payments (for an array)",
			content = @Content(schema = @Schema(implementation = PaymentJson.Payment.class)))
	@ApiResponse(responseCode = "400", description = "a payment breaks a field rule; every problem is listed")
	@ApiResponse(responseCode = "404", description = "no such batch")
	@ApiResponse(responseCode = "409", description = "the batch is not DRAFT, or a referenceId is taken")
	@ApiResponse(responseCode = "413",
			description = "the body is larger than settle.api.max-body-bytes, or holds more payments than allowed")
	ResponseEntity<Object> add(@PathVariable String id, InputStream body) {
		// Said before judging the body: no fix to the payments would make a non-DRAFT
		// batch take them.
		BatchSummary batch = queries.find(id).orElseThrow(() -> new BatchNotFoundException(id));
		if (batch.status() != BatchStatus.DRAFT) {
			throw ApiException.conflict("statusCode",
					"batch " + id + " is " + batch.status() + "; it can be given payments only while it is DRAFT");
		}
		JsonBody.Parsed parsed = JsonBody.parse(JsonBody.read(body, limits.maxBodyBytes()),
				limits.maxPaymentsPerRequest());
		List<PaymentRequests.GivenPayment> payments = PaymentRequests.validate(parsed);
		List<PaymentJson.Payment> created = drafts.add(id, payments).stream().map(this::payment).toList();
		if (parsed.array()) {
			return ResponseEntity.status(HttpStatus.CREATED).body(created);
		}
		return ResponseEntity.created(URI.create("/payments/" + created.get(0).id())).body(created.get(0));
	}

	@GetMapping("/batches/{id}/payments")
	@Operation(operationId = "listPayments", summary = "A page of a batch's payments", parameters = {
			@Parameter(in = ParameterIn.QUERY, name = "status", schema = @Schema(implementation = PaymentStatus.class)),
			@Parameter(in = ParameterIn.QUERY, name = "limit", description = "page size",
					schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100")),
			@Parameter(in = ParameterIn.QUERY, name = "offset", description = "payments skipped",
					schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) })
	@ApiResponse(responseCode = "200", description = "a page of payments; total counts all that match")
	@ApiResponse(responseCode = "400", description = "an unknown, repeated or malformed parameter")
	@ApiResponse(responseCode = "404", description = "no such batch")
	PaymentJson.PaymentList list(@PathVariable String id,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParams query = QueryParams.of(parameters, Set.of("status", "limit", "offset"));
		PaymentStatus status = query.enumValue("status", PaymentStatus.class);
		int limit = query.integer("limit", 100, 1, 1000);
		int offset = query.integer("offset", 0, 0, Integer.MAX_VALUE);
		if (queries.find(id).isEmpty()) {
			throw new BatchNotFoundException(id);
		}
		return PaymentJson.PaymentList.of(queries.payments(id, status, limit, offset));
	}

	@GetMapping("/payments/statusCodes")
	@Operation(operationId = "paymentStatusCodes", summary = "The payment status codes with what each means")
	@ApiResponse(responseCode = "200", description = "every status code, in lifecycle order")
	List<StatusCode> statusCodes() {
		return StatusCode.of(PaymentStatus.class, PaymentStatus::description);
	}

	@GetMapping("/payments/{id}")
	@Operation(operationId = "getPayment", summary = "One payment with its gateway outcome")
	@ApiResponse(responseCode = "200", description = "the payment")
	@ApiResponse(responseCode = "404", description = "no such payment")
	PaymentJson.Payment get(@PathVariable String id) {
		return payment(id);
	}

	@DeleteMapping("/payments/{id}")
	@Operation(operationId = "deletePayment", summary = "Remove a payment from a DRAFT batch")
	@ApiResponse(responseCode = "204", description = "removed")
	@ApiResponse(responseCode = "404", description = "no such payment")
	@ApiResponse(responseCode = "409", description = "its batch is no longer DRAFT")
	ResponseEntity<Void> delete(@PathVariable String id) {
		drafts.delete(id);
		return ResponseEntity.noContent().build();
	}

	private PaymentJson.Payment payment(String id) {
		return PaymentJson.Payment.of(queries.findPayment(id).orElseThrow(() -> notFound(id)));
	}

	static ApiException notFound(String id) {
		return ApiException.notFound("id", "no payment with id " + QueryParams.echo(id) + " (ids are case-sensitive)");
	}

}
