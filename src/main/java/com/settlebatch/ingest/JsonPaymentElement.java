package com.settlebatch.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.settlebatch.ingest.JsonBatchScanner.JsonBatch;
import com.settlebatch.json.ExactJson;
import com.settlebatch.rules.FieldProblem;
import com.settlebatch.rules.PaymentRules;
import com.settlebatch.rules.Problems;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Turns one element of a {@code payments} array into an {@link InputRow}. The element is
 * always read to its end before a reject is thrown, so the reader can go on with the next
 * element.
 */
final class JsonPaymentElement {

	private JsonPaymentElement() {
	}

	/**
	 * @param token the parser's current token, the start of the element
	 */
	static InputRow read(JsonParser parser, JsonToken token, String source, String path, JsonBatch batch) {
		long line = parser.currentTokenLocation().getLineNr();
		List<FieldProblem> problems = new ArrayList<>(batch.problems());
		Map<String, String> values = new HashMap<>();
		if (token != JsonToken.START_OBJECT) {
			String raw = ExactJson.scalarText(parser, token);
			parser.skipChildren();
			problems.add(Problems.of("payment", "must be an object, not " + ExactJson.describe(token), raw));
			throw new RejectedRowException(source, line, path, batch.externalId(), null, problems);
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (values.containsKey(field)) {
				parser.skipChildren();
				problems.add(Problems.of(field, "appears more than once in the payment", null));
				continue;
			}
			switch (field) {
				case "referenceId", "type", "amount", "currency", "accountId", "dependsOn" ->
					values.put(field, JsonSupport.text(parser, value, field, problems));
				case "customData" -> values.put(field, customData(parser, value, problems));
				default -> {
					parser.skipChildren();
					values.put(field, null);
					problems.add(Problems.of(field, "unknown property", null));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new RejectedRowException(source, line, path, batch.externalId(), values.get("referenceId"), problems);
		}
		return new InputRow(source, line, path, batch.externalId(), batch.name(), batch.merchantId(),
				batch.processInSequence(), values.get("referenceId"), values.get("type"), values.get("amount"),
				values.get("currency"), values.get("accountId"), values.get("dependsOn"), values.get("customData"));
	}

	private static String customData(JsonParser parser, JsonToken value, List<FieldProblem> problems) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value == JsonToken.START_OBJECT) {
			// Capped while copying, so one huge object cannot exhaust memory; it would be
			// refused anyway.
			String compact = ExactJson.copyObject(parser, PaymentRules.MAX_CUSTOM_DATA_BYTES);
			if (compact == null) {
				problems.add(Problems.of("customData", PaymentRules.CUSTOM_DATA_TOO_LARGE, null));
			}
			return compact;
		}
		String raw = ExactJson.scalarText(parser, value);
		parser.skipChildren();
		problems.add(Problems.of("customData", "must be a JSON object, not " + ExactJson.describe(value), raw));
		return null;
	}

}
