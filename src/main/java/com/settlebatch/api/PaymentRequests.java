package com.settlebatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JsonToken;

import com.settlebatch.rules.PaymentDetails;
import com.settlebatch.rules.PaymentField.Spelling;
import com.settlebatch.rules.PaymentRules;
import com.settlebatch.rules.RawPayment;

/**
 * The body of {@code POST /batches/{id}/payments}: one payment object or an array of
 * them, in the JSON file format's payment shape, each judged by {@link PaymentRules}
 * exactly as an imported payment is. Unlike a file import the request is all or nothing:
 * one bad payment refuses them all, with every problem listed, because a client can fix
 * and resend a request but not half of one.
 */
final class PaymentRequests {

	/**
	 * One payment that passed every rule.
	 *
	 * @param path where it is in the body ({@code $} or {@code $[i]}), for the problems
	 * found later
	 */
	record GivenPayment(String path, PaymentDetails details) {
	}

	private static final Set<String> FIELDS = Set.of("referenceId", "type", "amount", "currency", "accountId",
			"dependsOn", "customData");

	private PaymentRequests() {
	}

	static List<GivenPayment> validate(JsonBody.Parsed body) {
		if (body.elements().isEmpty()) {
			throw ApiException.badRequest("body", "the array holds no payment");
		}
		List<ApiError.Problem> problems = new ArrayList<>();
		List<GivenPayment> payments = new ArrayList<>();
		for (JsonBody.Element element : body.elements()) {
			List<ApiError.Problem> own = new ArrayList<>(element.problems());
			if (!own.isEmpty() && "body".equals(own.get(0).field())) {
				problems.addAll(own);
				continue;
			}
			JsonBody.rejectUnknown(element, FIELDS,
					"a payment takes " + String.join(", ", FIELDS.stream().sorted().toList()), own);
			RawPayment raw = new RawPayment(JsonBody.text(element, "referenceId", own),
					JsonBody.text(element, "type", own), JsonBody.text(element, "amount", own),
					JsonBody.text(element, "currency", own), JsonBody.text(element, "accountId", own),
					JsonBody.text(element, "dependsOn", own), customData(element, own));
			PaymentRules.Checked checked = PaymentRules.check(raw, Spelling.JSON);
			ApiError.addRuleProblems(own, element.path(), checked.problems());
			if (own.isEmpty()) {
				payments.add(new GivenPayment(element.path(), checked.payment()));
			}
			problems.addAll(own);
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalidBody(problems);
		}
		return payments;
	}

	/**
	 * Custom data is a JSON object; its raw text goes to the rules, which compact it and
	 * check 10 KB.
	 */
	private static String customData(JsonBody.Element element, List<ApiError.Problem> problems) {
		JsonBody.Value value = element.fields().get("customData");
		if (value == null || value.token() == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value.token() == JsonToken.START_OBJECT) {
			return value.text();
		}
		problems.add(
				new ApiError.Problem(element.path(), "customData", "must be a JSON object, not " + value.kind(), null));
		return null;
	}

}
