package com.settlebatch.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * A response to write, or, with {@code abort}, an exchange to cut off without any response.
 *
 * @param headers extra response headers besides Content-Type and X-Correlation-Id
 */
record Reply(int status, ObjectNode body, Map<String, String> headers, boolean abort) {

	static Reply json(int status, ObjectNode body) {
		return new Reply(status, body, Map.of(), false);
	}

	static Reply error(int status, String code, String description) {
		return json(status, SandboxJson.error(code, description));
	}

	Reply withHeader(String name, String value) {
		Map<String, String> merged = new LinkedHashMap<>(headers);
		merged.put(name, value);
		return new Reply(status, body, Map.copyOf(merged), abort);
	}

	Reply abortedIf(boolean abortExchange) {
		return new Reply(status, body, headers, abort || abortExchange);
	}
}
