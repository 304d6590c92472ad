package com.settlebatch.ingest;

import java.util.List;

import com.settlebatch.json.ExactJson;
import com.settlebatch.rules.FieldProblem;
import com.settlebatch.rules.Problems;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

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
		if (endsEarly(ex)) {
			return new UnreadableInputException(source + ": " + endedEarly(ex), ex);
		}
		return new UnreadableInputException(
				source + where(ex.getLocation()) + ": invalid JSON: " + withoutParserSource(ex.getOriginalMessage()),
				ex);
	}

	private static boolean endsEarly(JacksonException ex) {
		return ex instanceof UnexpectedEndOfInputException
				|| String.valueOf(ex.getOriginalMessage()).startsWith("Unexpected end-of-input");
	}

	/**
	 * A truncated file, said as a person can check it: where the document stops, inside
	 * what, and what should have come. Jackson's own message names its internals ("start
	 * marker at [Source: REDACTED ...; byte offset: #UNKNOWN]").
	 */
	private static String endedEarly(JacksonException ex) {
		TokenStreamLocation end = ex.getLocation();
		String at = end == null || end.getLineNr() < 1 ? ""
				: " at line " + end.getLineNr() + ", column " + end.getColumnNr();
		TokenStreamContext context = ex.processor() instanceof JsonParser parser ? parser.streamReadContext() : null;
		String inside;
		if (ex instanceof UnexpectedEndOfInputException eof && eof.getTokenBeingDecoded() == JsonToken.VALUE_STRING) {
			inside = "inside a string at " + jsonPath(context, true) + ": expected its closing quote";
		}
		else if (context != null && context.inObject()) {
			inside = "inside an object at " + jsonPath(context, false) + ": expected more fields or '}'";
		}
		else if (context != null && context.inArray()) {
			inside = "inside an array at " + jsonPath(context, false) + ": expected more values or ']'";
		}
		else {
			inside = "before its first value";
		}
		return "the document ends" + at + " " + inside + " (is the file complete?)";
	}

	/**
	 * The path as rejects name it: {@code $[0].payments[2]}.
	 * @param intoValue whether to name the innermost container's current field or index
	 * too
	 */
	private static String jsonPath(TokenStreamContext context, boolean intoValue) {
		StringBuilder path = new StringBuilder();
		boolean innermost = true;
		for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
			// the innermost container is named by its own parent, unless the value it was
			// reading is meant
			boolean named = !innermost || intoValue;
			if (named && c.inArray()) {
				path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
			}
			else if (named && c.currentName() != null) {
				path.insert(0, "." + c.currentName());
			}
			innermost = false;
		}
		return path.insert(0, '$').toString();
	}

	/**
	 * Jackson's messages may quote a location with its (hidden) source: not for people.
	 */
	private static String withoutParserSource(String message) {
		return message == null ? null : message.replaceAll(" ?\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
			.replaceAll(" ?\\[Source: [^\\]]*\\]", "");
	}

	private static String where(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

}
