package com.settlebatch.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request bodies are read as sent: numbers keep their digits, nested objects their raw
 * text.
 */
class JsonBodyTests {

	@Test
	void numbersKeepTheirTextAndObjectsTheirRawJson() {
		JsonBody.Parsed parsed = JsonBody
			.parse("[{\"amount\": 12.00, \"n\": 1e3, \"customData\": {\"a\": [1, {\"b\": 0.10}]}}]", 10);

		assertThat(parsed.array()).isTrue();
		JsonBody.Element element = parsed.elements().get(0);
		assertThat(element.path()).isEqualTo("$[0]");
		assertThat(element.fields().get("amount").text()).isEqualTo("12.00");
		assertThat(element.fields().get("n").text()).isEqualTo("1e3");
		assertThat(element.fields().get("customData").token()).isEqualTo(JsonToken.START_OBJECT);
		assertThat(element.fields().get("customData").text()).isEqualTo("{\"a\": [1, {\"b\": 0.10}]}");
	}

	@Test
	void aRepeatedPropertyIsAProblemAndTooManyElementsAreRefused() {
		JsonBody.Element element = JsonBody.parse("{\"a\":1,\"a\":2}", 1).elements().get(0);
		assertThat(element.problems()).extracting(ApiError.Problem::field).containsExactly("a");

		assertThatThrownBy(() -> JsonBody.parse("[{},{},{}]", 2)).isInstanceOf(ApiException.class)
			.hasMessageContaining("at most 2");
		assertThatThrownBy(() -> JsonBody.parse("[{}]", 0)).isInstanceOf(ApiException.class)
			.hasMessageContaining("not an array");
	}

	@Test
	void aBodyOverTheLimitOrNotUtf8IsRefused() {
		assertThatThrownBy(() -> JsonBody.read(new ByteArrayInputStream(new byte[11]), 10))
			.isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(413));
		assertThatThrownBy(() -> JsonBody.read(new ByteArrayInputStream(new byte[] { '"', (byte) 0xC3, '"' }), 10))
			.hasMessageContaining("UTF-8");
		assertThat(JsonBody.read(new ByteArrayInputStream("{\"é\":1}".getBytes(StandardCharsets.UTF_8)), 100))
			.isEqualTo("{\"é\":1}");
	}

}
