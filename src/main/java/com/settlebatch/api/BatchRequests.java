package com.settlebatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.settlebatch.rules.BatchRules;
import com.settlebatch.rules.FieldProblem;
import com.settlebatch.rules.PaymentField.Spelling;

/**
 * The bodies of {@code POST /batches} and {@code PUT /batches/{id}}. Batch fields are
 * judged by the same {@link BatchRules} as an imported file's, so a name or merchant the
 * API takes is one an import would take too.
 */
final class BatchRequests {

	record NewBatch(String name, String externalId, String merchantId, boolean processInSequence) {
	}

	/**
	 * What a PUT changes: a property that is absent keeps its value;
	 * {@code "externalId": null} removes it.
	 */
	record Changes(String name, boolean externalIdGiven, String externalId, Boolean processInSequence) {
	}

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
		List<FieldProblem> found = externalIdRules(externalId);
		found.addAll(BatchRules.name(name, Spelling.JSON));
		found.addAll(BatchRules.merchantId(merchantId, Spelling.JSON));
		ApiError.addRuleProblems(problems, element.path(), found);
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
		List<FieldProblem> found = externalIdRules(externalId);
		if (nameGiven) {
			found.addAll(BatchRules.name(name, Spelling.JSON));
		}
		ApiError.addRuleProblems(problems, element.path(), found);
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

	/** The external id is optional through the API: an absent one breaks no rule. */
	private static List<FieldProblem> externalIdRules(String externalId) {
		return new ArrayList<>(externalId == null ? List.of() : BatchRules.externalId(externalId, Spelling.JSON));
	}

}
