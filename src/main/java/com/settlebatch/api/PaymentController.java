package com.settlebatch.api;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

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
	PaymentJson.PaymentList list(@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters) {
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
	List<StatusCode> statusCodes() {
		return StatusCode.of(PaymentStatus.class, PaymentStatus::description);
	}

	@GetMapping("/payments/{id}")
	PaymentJson.Payment get(@PathVariable String id) {
		return payment(id);
	}

	@DeleteMapping("/payments/{id}")
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
