package com.settlebatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.settlebatch.ingest.InputRow;
import com.settlebatch.ingest.PaymentRowValidator;
import com.settlebatch.ingest.RejectedRowException;

/**
 * The bodies of {@code POST /batches} and {@code PUT /batches/{id}}. Batch fields are judged by the
 * same {@link PaymentRowValidator} rules as an imported file's, so a name or merchant the API takes
 * is one an import would take too.
 */
final class BatchRequests {

	record NewBatch(String name, String externalId, String merchantId, boolean processInSequence) {
	}

	/** What a PUT changes: a property that is absent keeps its value; {@code "externalId": null} removes it. */
	record Changes(String name, boolean externalIdGiven, String externalId, Boolean processInSequence) {
	}

	private static final Set<String> BATCH_FIELDS = Set.of("name", "externalId", "merchantId");

	// Stand-ins that pass every rule, so that only the fields being judged can produce problems.
	private static final String VALID = "api";

	private BatchRequests() {
	}

	static NewBatch create(JsonBody.Parsed body) {
		JsonBody.Element element = single(body);
		List<ApiError.Problem> problems = new ArrayList<>(element.problems());
		JsonBody.rejectUnknown(element, Set.of("name", "externalId", "merchantId", "processInSequence"),
				"a batch takes name, externalId, merchantId and processInSequence; add payments with "
						+ "POST /batches/{id}/payments",
				problems);
		String name = JsonBody.text(element, "name", problems);
		String externalId = JsonBody.text(element, "externalId", problems);
		String merchantId = JsonBody.text(element, "merchantId", problems);
		Boolean inSequence = JsonBody.flag(element, "processInSequence", problems);
		validate(element.path(), name, externalId == null ? VALID : externalId, merchantId, problems);
		if (!problems.isEmpty()) {
			throw ApiException.invalidBody(problems);
		}
		return new NewBatch(name, externalId, merchantId, Boolean.TRUE.equals(inSequence));
	}

	static Changes update(JsonBody.Parsed body) {
		JsonBody.Element element = single(body);
		List<ApiError.Problem> problems = new ArrayList<>(element.problems());
		if (element.fields().containsKey("merchantId")) {
			problems.add(new ApiError.Problem(element.path(), "merchantId",
					"cannot be changed: batchnums are counted per merchant", null));
		}
		JsonBody.rejectUnknown(element, Set.of("name", "externalId", "merchantId", "processInSequence"),
				"a batch update takes name, externalId and processInSequence", problems);
		boolean nameGiven = element.fields().containsKey("name");
		String name = JsonBody.text(element, "name", problems);
		String externalId = JsonBody.text(element, "externalId", problems);
		Boolean inSequence = JsonBody.flag(element, "processInSequence", problems);
		validate(element.path(), nameGiven ? name : VALID, externalId == null ? VALID : externalId, VALID, problems);
		if (element.fields().isEmpty()) {
			problems.add(new ApiError.Problem(element.path(), "body",
					"nothing to change: give name, externalId or processInSequence", null));
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalidBody(problems);
		}
		return new Changes(name, element.fields().containsKey("externalId"), externalId, inSequence);
	}

	private static JsonBody.Element single(JsonBody.Parsed body) {
		if (body.array() || body.elements().size() != 1) {
			throw ApiException.badRequest("body", "one batch object is expected");
		}
		return body.elements().get(0);
	}

	/** Runs the import rules on the batch fields; problems already reported for a field are not repeated. */
	private static void validate(String path, String name, String externalId, String merchantId,
			List<ApiError.Problem> problems) {
		InputRow row = new InputRow("api", 0, path, externalId, name, merchantId, null, VALID, "payment", "1", "USD",
				VALID, null, null);
		try {
			new PaymentRowValidator().process(row);
		}
		catch (RejectedRowException rejected) {
			Set<String> reported = new java.util.HashSet<>(problems.stream().map(ApiError.Problem::field).toList());
			rejected.problems().stream()
				.filter(p -> BATCH_FIELDS.contains(p.field()) && !reported.contains(p.field()))
				.forEach(p -> problems.add(new ApiError.Problem(path, p.field(), p.reason(), p.rawValue())));
		}
	}

}
