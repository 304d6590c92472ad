package com.settlebatch.ingest;

import java.util.List;

import com.settlebatch.json.ExactJson;
import com.settlebatch.rules.FieldProblem;
import com.settlebatch.rules.Problems;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;

/**
 * Value extraction and error wording shared by the two passes over a payments JSON file.
 */
final class JsonSupport {

	private JsonSupport() {
	}

	/**
	 * The text of a scalar as written (numbers keep their digits, {@code 12.00} stays
	 * {@code 12.00}); a structure is skipped and reported, so the caller can go on with
	 * the next property.
	 */
	static String text(JsonParser parser, JsonToken value, String field, List<FieldProblem> problems) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value.isScalarValue()) {
			return ExactJson.scalarText(parser, value);
		}
		parser.skipChildren();
		problems.add(Problems.of(field, "must be a text value, not " + ExactJson.describe(value), null));
		return null;
	}

	static Boolean flag(JsonParser parser, JsonToken value, String field, List<FieldProblem> problems) {
		if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
			return value == JsonToken.VALUE_TRUE;
		}
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		String raw = ExactJson.scalarText(parser, value);
		parser.skipChildren();
		problems.add(Problems.of(field, "must be true or false, not " + ExactJson.describe(value), raw));
		return null;
	}

	static UnreadableInputException unreadable(String source, TokenStreamLocation location, String what) {
		return new UnreadableInputException(source + where(location) + ": " + what);
	}

	static UnreadableInputException unreadable(String source, JacksonException ex) {
		if (ex instanceof JacksonIOException) {
			Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
			return new UnreadableInputException(source + " cannot be read (" + cause.getClass().getSimpleName() + ")",
					ex);
		}
		return new UnreadableInputException(
				source + where(ex.getLocation()) + ": invalid JSON: " + ex.getOriginalMessage(), ex);
	}

	private static String where(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

}
