package com.settlebatch.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.settlebatch.json.ExactJson;
import com.settlebatch.rules.FieldProblem;
import com.settlebatch.rules.Problems;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * First pass over a payments JSON file. JSON key order is free, so a batch's own fields
 * may come after its payments; this pass keeps only each batch's scalar fields (memory
 * grows with the number of batches, not payments). It also checks the whole file's syntax
 * and shape up front, so an unreadable file fails before any of its rows is imported.
 */
final class JsonBatchScanner {

	/**
	 * What the second pass needs to know about one batch before reaching its payments.
	 */
	record JsonBatch(long line, String name, String externalId, String merchantId, Boolean processInSequence,
			boolean hasPayments, List<FieldProblem> problems) {

		JsonBatch with(FieldProblem problem) {
			List<FieldProblem> more = new ArrayList<>(problems);
			more.add(problem);
			return new JsonBatch(line, name, externalId, merchantId, processInSequence, hasPayments, List.copyOf(more));
		}

	}

	private JsonBatchScanner() {
	}

	/**
	 * @param parser a fresh parser on the file; read to its end
	 */
	static List<JsonBatch> scan(JsonParser parser, String source) {
		JsonToken first = parser.nextToken();
		List<JsonBatch> batches = new ArrayList<>();
		if (first == null) {
			throw new UnreadableInputException(
					source + " is empty: expected a batch object or an array of batch objects");
		}
		if (first == JsonToken.START_OBJECT) {
			batches.add(scanBatch(parser));
		}
		else if (first == JsonToken.START_ARRAY) {
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				if (token != JsonToken.START_OBJECT) {
					throw JsonSupport.unreadable(source, parser.currentTokenLocation(),
							"$[" + batches.size() + "] must be a batch object, not " + ExactJson.describe(token));
				}
				batches.add(scanBatch(parser));
			}
		}
		else {
			throw JsonSupport.unreadable(source, parser.currentTokenLocation(),
					"must be a batch object or an array of batch objects, not " + ExactJson.describe(first));
		}
		JsonToken trailing = parser.nextToken();
		if (trailing != null) {
			throw JsonSupport.unreadable(source, parser.currentTokenLocation(),
					"unexpected " + ExactJson.describe(trailing) + " after the end of the top-level value");
		}
		return withoutReusedExternalIds(batches);
	}

	/**
	 * Two batch objects with the same external id are not one batch written in two parts
	 * (whose name and merchant might even differ): the later one is a mistake, and every
	 * one of its payments is rejected for it, the way any other batch field's problem is
	 * reported.
	 */
	private static List<JsonBatch> withoutReusedExternalIds(List<JsonBatch> batches) {
		Map<String, Integer> firstUse = new HashMap<>();
		List<JsonBatch> checked = new ArrayList<>(batches.size());
		for (int i = 0; i < batches.size(); i++) {
			JsonBatch batch = batches.get(i);
			Integer earlier = batch.externalId() == null ? null : firstUse.putIfAbsent(batch.externalId(), i);
			checked.add(earlier == null ? batch
					: batch.with(Problems.of("externalId",
							"duplicate external id within the file: batch $[" + earlier + "] already uses it",
							batch.externalId())));
		}
		return checked;
	}

	private static JsonBatch scanBatch(JsonParser parser) {
		long line = parser.currentTokenLocation().getLineNr();
		String name = null;
		String externalId = null;
		String merchantId = null;
		Boolean processInSequence = null;
		boolean hasPayments = false;
		List<FieldProblem> problems = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (!seen.add(field)) {
				problems.add(Problems.of(field, "appears more than once in the batch", null));
				parser.skipChildren();
				continue;
			}
			switch (field) {
				case "name" -> name = JsonSupport.text(parser, value, field, problems);
				case "externalId" -> externalId = JsonSupport.text(parser, value, field, problems);
				case "merchantId" -> merchantId = JsonSupport.text(parser, value, field, problems);
				case "processInSequence" -> processInSequence = JsonSupport.flag(parser, value, field, problems);
				case "payments" -> {
					hasPayments = true;
					parser.skipChildren();
				}
				default -> {
					problems.add(Problems.of(field, "unknown property", null));
					parser.skipChildren();
				}
			}
		}
		return new JsonBatch(line, name, externalId, merchantId, processInSequence, hasPayments, List.copyOf(problems));
	}

}
