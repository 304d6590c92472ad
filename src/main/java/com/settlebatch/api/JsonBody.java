package com.settlebatch.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;

import com.settlebatch.json.ExactJson;
import com.settlebatch.masking.CardNumbers;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a request body of one JSON object or an array of them with the streaming parser,
 * keeping every scalar as the text that was sent: an amount of {@code 12.00} stays
 * {@code 12.00}, never a double. Nested objects are kept as their raw text, for the rules
 * to judge like a file's.
 */
final class JsonBody {

	/**
	 * One property: its token kind, and its text (a scalar as written, an object's raw
	 * JSON, else null).
	 */
	record Value(JsonToken token, String text) {

		boolean isFlag() {
			return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
		}

		String kind() {
			return ExactJson.describe(token);
		}

	}

	/**
	 * One object of the body, at {@code $} or {@code $[i]}; problems are duplicate
	 * properties or a non-object.
	 */
	record Element(String path, Map<String, Value> fields, List<ApiError.Problem> problems) {
	}

	record Parsed(boolean array, List<Element> elements) {
	}

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private JsonBody() {
	}

	/**
	 * A text property: a string or a number (kept as written); absent and null are both
	 * null.
	 */
	static String text(Element element, String name, List<ApiError.Problem> problems) {
		Value value = element.fields().get(name);
		if (value == null || value.token() == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value.token() == JsonToken.VALUE_STRING || value.token().isNumeric()) {
			return value.text();
		}
		problems.add(new ApiError.Problem(element.path(), name, "must be a string, not " + value.kind(), null));
		return null;
	}

	static Boolean flag(Element element, String name, List<ApiError.Problem> problems) {
		Value value = element.fields().get(name);
		if (value == null || value.token() == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value.isFlag()) {
			return value.token() == JsonToken.VALUE_TRUE;
		}
		problems.add(new ApiError.Problem(element.path(), name, "must be true or false, not " + value.kind(),
				value.token().isScalarValue() ? value.text() : null));
		return null;
	}

	static void rejectUnknown(Element element, Set<String> known, String hint, List<ApiError.Problem> problems) {
		element.fields()
			.keySet()
			.stream()
			.filter(name -> !known.contains(name))
			.forEach(name -> problems.add(new ApiError.Problem(element.path(), name,
					"unknown property" + (hint == null ? "" : "; " + hint), null)));
	}

	/**
	 * Reads at most {@code maxBytes}: a client cannot make the server buffer an unbounded
	 * body.
	 */
	static String read(InputStream in, int maxBytes) {
		try {
			byte[] bytes = in.readNBytes(maxBytes + 1);
			if (bytes.length > maxBytes) {
				throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body",
						"the request body is larger than " + maxBytes + " bytes", null);
			}
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw ApiException.badRequest("body", "the request body is not valid UTF-8");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param maxElements how many objects an array may hold; 0 when only a single object
	 * is accepted
	 */
	static Parsed parse(String json, int maxElements) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw ApiException.badRequest("body", "the request body is empty; a JSON object is expected");
			}
			List<Element> elements = new ArrayList<>();
			boolean array = first == JsonToken.START_ARRAY;
			if (array && maxElements == 0) {
				throw ApiException.badRequest("body", "one JSON object is expected, not an array");
			}
			if (array) {
				for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
					if (elements.size() == maxElements) {
						throw ApiException.badRequest("body", "at most " + maxElements + " objects per request");
					}
					elements.add(element(parser, json, token, "$[" + elements.size() + "]"));
				}
			}
			else {
				elements.add(element(parser, json, first, "$"));
			}
			if (parser.nextToken() != null) {
				throw ApiException.badRequest("body", "there is text after the JSON value");
			}
			return new Parsed(array, elements);
		}
		catch (JacksonException ex) {
			throw ApiException.badRequest("body",
					"the request body is not valid JSON: " + readable(ex.getOriginalMessage()) + where(ex));
		}
	}

	private static Element element(JsonParser parser, String json, JsonToken token, String path) {
		Map<String, Value> fields = new LinkedHashMap<>();
		List<ApiError.Problem> problems = new ArrayList<>();
		if (token != JsonToken.START_OBJECT) {
			Value value = value(parser, json, token);
			problems.add(new ApiError.Problem(path, "body", "must be a JSON object, not " + value.kind(), null));
			return new Element(path, fields, problems);
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			Value value = value(parser, json, parser.nextToken());
			if (fields.putIfAbsent(name, value) != null) {
				problems.add(new ApiError.Problem(path, name, "appears more than once", null));
			}
		}
		return new Element(path, fields, problems);
	}

	private static Value value(JsonParser parser, String json, JsonToken token) {
		if (token.isScalarValue()) {
			return new Value(token, token == JsonToken.VALUE_NULL ? null : ExactJson.scalarText(parser, token));
		}
		int start = (int) parser.currentTokenLocation().getCharOffset();
		parser.skipChildren();
		int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
		return new Value(token, token == JsonToken.START_OBJECT && start >= 0 ? json.substring(start, end) : null);
	}

	/**
	 * Jackson's message without its "[Source: ...]" notes, which name no source here;
	 * input echoes masked.
	 */
	private static String readable(String message) {
		String plain = message == null ? "" : message.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
			.replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
		return CardNumbers.mask(plain.lines().findFirst().orElse(""));
	}

	private static String where(JacksonException ex) {
		var location = ex.getLocation();
		return location == null || location.getLineNr() < 1 ? ""
				: " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

}
