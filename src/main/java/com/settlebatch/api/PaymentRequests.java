package com.settlebatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JsonToken;

import com.settlebatch.ingest.InputRow;
import com.settlebatch.ingest.PaymentRowValidator;
import com.settlebatch.ingest.RejectedRowException;
import com.settlebatch.ingest.ValidPayment;

/**
 * The body of {@code POST /batches/{id}/payments}: one payment object or an array of them, in the
 * JSON file format's payment shape, each judged by {@link PaymentRowValidator} exactly as an imported
 * payment is. Unlike a file import the request is all or nothing: one bad payment refuses them all,
 * with every problem listed, because a client can fix and resend a request but not half of one.
 */
final class PaymentRequests {

	private static final Set<String> FIELDS = Set.of("referenceId", "type", "amount", "currency", "accountId",
			"dependsOn", "customData");

	// The batch fields are the batch's own, already checked; these stand-ins pass every rule.
	private static final String BATCH = "api";

	private PaymentRequests() {
	}

	static List<ValidPayment> validate(JsonBody.Parsed body) {
		if (body.elements().isEmpty()) {
			throw ApiException.badRequest("body", "the array holds no payment");
		}
		PaymentRowValidator validator = new PaymentRowValidator();
		List<ApiError.Problem> problems = new ArrayList<>();
		List<ValidPayment> payments = new ArrayList<>();
		for (JsonBody.Element element : body.elements()) {
			List<ApiError.Problem> own = new ArrayList<>(element.problems());
			if (!own.isEmpty() && "body".equals(own.get(0).field())) {
				problems.addAll(own);
				continue;
			}
			JsonBody.rejectUnknown(element, FIELDS, "a payment takes " + String.join(", ", FIELDS.stream().sorted()
				.toList()), own);
			InputRow row = new InputRow("api", 0, element.path(), BATCH, BATCH, BATCH, null,
					JsonBody.text(element, "referenceId", own), JsonBody.text(element, "type", own),
					JsonBody.text(element, "amount", own), JsonBody.text(element, "currency", own),
					JsonBody.text(element, "accountId", own), JsonBody.text(element, "dependsOn", own),
					customData(element, own));
			try {
				ValidPayment payment = validator.process(row);
				if (own.isEmpty()) {
					payments.add(payment);
				}
			}
			catch (RejectedRowException rejected) {
				Set<String> reported = new java.util.HashSet<>(own.stream().map(ApiError.Problem::field).toList());
				rejected.problems().stream()
					.filter(p -> !reported.contains(p.field()))
					.forEach(p -> own.add(new ApiError.Problem(element.path(), p.field(), p.reason(), p.rawValue())));
			}
			problems.addAll(own);
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalidBody(problems);
		}
		return payments;
	}

	/** Custom data is a JSON object; its raw text goes to the validator, which compacts it and checks 10 KB. */
	private static String customData(JsonBody.Element element, List<ApiError.Problem> problems) {
		JsonBody.Value value = element.fields().get("customData");
		if (value == null || value.token() == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value.token() == JsonToken.START_OBJECT) {
			return value.text();
		}
		problems.add(new ApiError.Problem(element.path(), "customData", "must be a JSON object, not " + value.kind(),
				null));
		return null;
	}

}
