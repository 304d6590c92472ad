package com.settlebatch.json;

import java.io.StringWriter;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON read and written exactly as sent, token by token: a scalar is kept as its text and
 * a number is copied as its digits, never through a double, so an amount of {@code 12.00}
 * stays {@code 12.00} and custom data such as {@code {"fee": 0.10}} is stored as the
 * sender wrote it. Shared by the API's request bodies, the import's JSON files and the
 * custom data rule, so all three read JSON one way.
 */
public final class ExactJson {

	// Duplicate keys would let two readers of the same custom data see different values.
	private static final JsonFactory STRICT = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final String NOT_AN_OBJECT = "is not a JSON object: ";

	private ExactJson() {
	}

	/**
	 * Names a token for people, in messages about input of the wrong shape:
	 * {@code an object}, {@code a string}, ...; {@code the end of the file} for null.
	 */
	public static String describe(JsonToken token) {
		if (token == null) {
			return "the end of the file";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.name();
		};
	}

	/**
	 * The text of the scalar the parser is on, exactly as written ({@code 12.00} stays
	 * {@code 12.00}, JSON null is {@code "null"}); null when the token starts an object
	 * or array, which is left unread.
	 */
	public static String scalarText(JsonParser parser, JsonToken token) {
		return token.isScalarValue() ? parser.getString() : null;
	}

	/**
	 * Copies the object the parser is on (its current token is START_OBJECT) compactly
	 * and leaves the parser after it, even when the copy is abandoned.
	 * @return the compact text, or null when it is longer than {@code maxChars}
	 */
	public static String copyObject(JsonParser parser, int maxChars) {
		StringWriter out = new StringWriter();
		boolean tooLong = false;
		try (JsonGenerator generator = STRICT.createGenerator(ObjectWriteContext.empty(), out)) {
			int depth = 0;
			JsonToken token = parser.currentToken();
			do {
				if (token.isStructStart()) {
					depth++;
				}
				else if (token.isStructEnd()) {
					depth--;
				}
				if (!tooLong) {
					write(generator, parser, token);
					tooLong = out.getBuffer().length() > maxChars;
				}
				token = depth > 0 ? parser.nextToken() : null;
			}
			while (token != null);
		}
		return tooLong || out.getBuffer().length() > maxChars ? null : out.toString();
	}

	/**
	 * Parses text that must be exactly one JSON object, duplicate keys refused, and
	 * returns it compact.
	 * @throws IllegalArgumentException with a reason for people when it is not: "must be
	 * a JSON object, not an array", or "is not a JSON object: it ends before its closing
	 * }" ({@link JsonMistakes})
	 */
	public static String compactObject(String json) {
		try (JsonParser parser = STRICT.createParser(ObjectReadContext.empty(), json)) {
			JsonToken first = first(parser);
			if (first == null) {
				throw new IllegalArgumentException(NOT_AN_OBJECT + "it is empty");
			}
			if (first != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("must be a JSON object, not " + describe(first));
			}
			String compact = copyObject(parser, Integer.MAX_VALUE);
			if (textAfter(parser)) {
				throw new IllegalArgumentException(NOT_AN_OBJECT + "there is text after its closing }");
			}
			return compact;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(NOT_AN_OBJECT + JsonMistakes.of(ex, json), ex);
		}
	}

	private static JsonToken first(JsonParser parser) {
		try {
			return parser.nextToken();
		}
		catch (JacksonException notAValue) {
			throw new IllegalArgumentException(NOT_AN_OBJECT + "it does not start with {", notAValue);
		}
	}

	/** Anything after the object, even what is not JSON at all. */
	private static boolean textAfter(JsonParser parser) {
		try {
			return parser.nextToken() != null;
		}
		catch (JacksonException garbage) {
			return true;
		}
	}

	private static void write(JsonGenerator generator, JsonParser parser, JsonToken token) {
		switch (token) {
			case START_OBJECT -> generator.writeStartObject();
			case END_OBJECT -> generator.writeEndObject();
			case START_ARRAY -> generator.writeStartArray();
			case END_ARRAY -> generator.writeEndArray();
			case PROPERTY_NAME -> generator.writeName(parser.currentName());
			case VALUE_STRING -> generator.writeString(parser.getString());
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getString());
			case VALUE_TRUE -> generator.writeBoolean(true);
			case VALUE_FALSE -> generator.writeBoolean(false);
			case VALUE_NULL -> generator.writeNull();
			default -> throw new IllegalStateException("unexpected JSON token " + token);
		}
	}

}
