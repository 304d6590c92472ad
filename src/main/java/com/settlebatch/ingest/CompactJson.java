package com.settlebatch.ingest;

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
 * Re-writes a JSON object compactly, token by token. Numbers are copied as their text, never through
 * a double, so custom data such as {@code {"fee": 0.10}} is stored exactly as the sender wrote it.
 */
final class CompactJson {

	/** Custom data above this many UTF-8 bytes (compact form) is refused. */
	static final int MAX_BYTES = 10240;

	static final String TOO_LARGE = "is larger than 10 KB (" + MAX_BYTES + " bytes)";

	// Duplicate keys would let two readers of the same custom data see different values.
	private static final JsonFactory STRICT = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private CompactJson() {
	}

	/**
	 * Copies the object the parser is on (its current token is START_OBJECT) and leaves the parser
	 * after it, even when the copy is abandoned.
	 * @return the compact text, or null when it is longer than {@code maxChars}
	 */
	static String copyObject(JsonParser parser, int maxChars) {
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
	 * Parses text that must be exactly one JSON object and returns it compact.
	 * @throws IllegalArgumentException with a reason for people when it is not
	 */
	static String compactObject(String json) {
		try (JsonParser parser = STRICT.createParser(ObjectReadContext.empty(), json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("must be a JSON object");
			}
			String compact = copyObject(parser, Integer.MAX_VALUE);
			if (parser.nextToken() != null) {
				throw new IllegalArgumentException("must be a single JSON object (there is text after it)");
			}
			return compact;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("is not valid JSON: " + ex.getOriginalMessage(), ex);
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
