package com.settlebatch.logging;

import java.net.ConnectException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal's view of an event that carries an exception: its root cause in a few
 * words, masked like every text that leaves the product.
 */
class RootCauseConverterTests {

	private final RootCauseConverter converter = new RootCauseConverter();

	private LoggingEvent event(Throwable failure) {
		LoggerContext context = new LoggerContext();
		return new LoggingEvent("test", context.getLogger("test"), Level.ERROR, "API request failed", failure, null);
	}

	@Test
	void givenAWrappedFailureWhenShownOnTheTerminalThenItIsItsRootCauseInOneLine() {
		// given a failure three causes deep, with a multi-line message
		Throwable failure = new IllegalStateException("wrapper",
				new RuntimeException("middle", new ConnectException("Connection refused\nsecond line")));

		// when converted
		String shown = converter.convert(event(failure));

		// then the root cause's class and first line, nothing of the trace
		assertThat(shown).isEqualTo(" (ConnectException: Connection refused)");
	}

	@Test
	void givenACardNumberInTheCauseWhenShownThenItIsMasked() {
		// given
		Throwable failure = new IllegalArgumentException("account 4111111111111111 refused");

		// when
		String shown = converter.convert(event(failure));

		// then
		assertThat(shown).doesNotContain("4111111111111111").contains("411111").contains("1111");
	}

	@Test
	void givenNoExceptionWhenShownThenNothingIsAdded() {
		assertThat(converter.convert(event(null))).isEmpty();
	}

}
