package com.settlebatch.ingest;

import tools.jackson.core.JsonToken;

/** Names a JSON token for people, in messages about input that has the wrong shape. */
public final class JsonTokens {

	private JsonTokens() {
	}

	/** {@code an object}, {@code a string}, ...; {@code the end of the file} for null. */
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

}
