package com.settlebatch.json;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** JSON is read and written as sent: no digit of a number is lost or added on the way. */
class ExactJsonTests {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	@Test
	void scalarsKeepTheirTextAndStructuresHaveNone() {
		// given
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), "[12.00, 1e3, \"x\", null, {}]")) {
			parser.nextToken();

			// when / then
			assertThat(ExactJson.scalarText(parser, parser.nextToken())).isEqualTo("12.00");
			assertThat(ExactJson.scalarText(parser, parser.nextToken())).isEqualTo("1e3");
			assertThat(ExactJson.scalarText(parser, parser.nextToken())).isEqualTo("x");
			assertThat(ExactJson.scalarText(parser, parser.nextToken())).isEqualTo("null");
			assertThat(ExactJson.scalarText(parser, parser.nextToken())).isNull();
		}
	}

	@Test
	void tokensAreNamedForPeople() {
		assertThat(ExactJson.describe(JsonToken.START_OBJECT)).isEqualTo("an object");
		assertThat(ExactJson.describe(JsonToken.VALUE_NUMBER_FLOAT)).isEqualTo("a number");
		assertThat(ExactJson.describe(JsonToken.VALUE_FALSE)).isEqualTo("a boolean");
		assertThat(ExactJson.describe(null)).isEqualTo("the end of the file");
	}

	@Test
	void anObjectIsWrittenCompactWithItsNumbersAsSent() {
		assertThat(ExactJson.compactObject("{ \"fee\" : 0.10, \"n\": [1E+2, true, null] }"))
			.isEqualTo("{\"fee\":0.10,\"n\":[1E+2,true,null]}");
		assertThatIllegalArgumentException().isThrownBy(() -> ExactJson.compactObject("{\"a\":1,\"a\":2}"))
			.withMessage("is not a JSON object: the key \"a\" appears twice");
	}

	@Test
	void aCopyOverTheLimitIsAbandonedButReadToItsEnd() {
		// given
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(),
				"[{\"k\": \"" + "x".repeat(50) + "\"}, 7]")) {
			parser.nextToken();
			parser.nextToken();

			// when
			String copy = ExactJson.copyObject(parser, 20);

			// then
			assertThat(copy).isNull();
			assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
		}
	}

}
