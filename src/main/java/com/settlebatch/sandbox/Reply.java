package com.settlebatch.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.node.ObjectNode;

/**
 * A response to write, or, with {@code abort}, an exchange to cut off without any
 * response.
 *
 * @param headers extra response headers besides Content-Type and X-Correlation-Id
 * @param delay held back this long before answering, on top of any configured latency
 */
record Reply(int status, ObjectNode body, Map<String, String> headers, boolean abort, Duration delay) {

	static Reply json(int status, ObjectNode body) {
		return new Reply(status, body, Map.of(), false, Duration.ZERO);
	}

	static Reply error(int status, String code, String description) {
		return json(status, SandboxJson.error(code, description));
	}

	Reply withHeader(String name, String value) {
		Map<String, String> merged = new LinkedHashMap<>(headers);
		merged.put(name, value);
		return new Reply(status, body, Map.copyOf(merged), abort, delay);
	}

	Reply abortedIf(boolean abortExchange) {
		return new Reply(status, body, headers, abort || abortExchange, delay);
	}

	Reply delayedBy(Duration extra) {
		return new Reply(status, body, headers, abort, delay.plus(extra));
	}

	void sendTo(HttpExchange exchange, String correlationId) throws IOException {
		byte[] bytes = SandboxJson.write(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("X-Correlation-Id", correlationId);
		headers.forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
