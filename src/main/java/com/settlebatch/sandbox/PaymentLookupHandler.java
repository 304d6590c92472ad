package com.settlebatch.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /payments?unique_key=K}: how a client settles an ambiguous outcome (a
 * time-out, a dropped connection) without risking a second charge, by asking what the
 * key's first final answer was.
 */
final class PaymentLookupHandler {

	private static final String PARAMETER = "unique_key";

	private final IdempotencyStore store;

	PaymentLookupHandler(IdempotencyStore store) {
		this.store = store;
	}

	/**
	 * @param rawQuery the request URI's raw (still encoded) query, or {@code null}
	 */
	Reply handle(String rawQuery) {
		String key = uniqueKey(rawQuery);
		if (key == null || key.isBlank()) {
			return Reply.error(400, SandboxJson.INVALID_PARAMS, "the unique_key query parameter is required");
		}
		// Checked before the stored answer: a charge may be stored while its request
		// still sleeps, and POST /payments with the key answers 409 then too.
		if (store.isInFlight(key)) {
			return Reply.error(409, SandboxJson.CONCURRENT_REQUEST,
					"a request with this unique key is being processed; ask again later");
		}
		Optional<IdempotencyStore.StoredAnswer> stored = store.find(key);
		if (stored.isEmpty()) {
			// 5xx answers are never stored, so a key that only ever failed is rightly
			// "never charged".
			return Reply.error(404, SandboxJson.NOT_FOUND, "no payment with this unique key");
		}
		ObjectNode body = SandboxJson.object();
		body.put("unique_key", key);
		body.put("status", stored.get().status());
		body.set("response", stored.get().body().deepCopy());
		return Reply.json(200, body);
	}

	private static String uniqueKey(String rawQuery) {
		if (rawQuery == null) {
			return null;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = equals < 0 ? pair : pair.substring(0, equals);
			if (decode(name).equals(PARAMETER)) {
				return equals < 0 ? "" : decode(pair.substring(equals + 1));
			}
		}
		return null;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			// A malformed %-escape: answered like a missing key rather than as a sandbox
			// failure.
			return "";
		}
	}

}
