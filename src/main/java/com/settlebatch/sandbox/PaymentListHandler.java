package com.settlebatch.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /payments?created_from=&created_to=&limit=&after=}: the charges created in a
 * window, a page at a time, in charge order, for reconciliation. The cursor is the ledger
 * position after the last charge looked at, so a page costs what the one before did
 * however far the listing has got.
 */
final class PaymentListHandler {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private final SandboxLedger ledger;

	PaymentListHandler(SandboxLedger ledger) {
		this.ledger = ledger;
	}

	/** Whether the query asks for the list rather than one key's answer. */
	static boolean isList(String rawQuery) {
		return !parameters(rawQuery).containsKey("unique_key");
	}

	Reply handle(String rawQuery) {
		Map<String, String> query = parameters(rawQuery);
		Instant from;
		Instant to;
		int limit;
		int position;
		try {
			from = Instant.ofEpochSecond(Long.parseLong(required(query, "created_from")));
			to = Instant.ofEpochSecond(Long.parseLong(required(query, "created_to")));
			limit = Integer.parseInt(query.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT)));
			position = Integer.parseInt(query.getOrDefault("after", "0"));
		}
		catch (NumberFormatException e) {
			return invalid();
		}
		if (limit < 1 || limit > MAX_LIMIT || position < 0 || !from.isBefore(to)) {
			return invalid();
		}
		return Reply.json(200, page(from, to, limit, position));
	}

	private ObjectNode page(Instant from, Instant to, int limit, int position) {
		ObjectNode body = SandboxJson.object();
		ArrayNode data = body.putArray("data");
		int next = position;
		boolean more = true;
		while (data.size() < limit && more) {
			List<SandboxLedger.Charge> batch = ledger.chargesFrom(next, MAX_LIMIT);
			more = !batch.isEmpty();
			for (int i = 0; i < batch.size() && data.size() < limit; i++) {
				SandboxLedger.Charge charge = batch.get(i);
				next++;
				if (!charge.chargedAt().isBefore(from) && charge.chargedAt().isBefore(to)) {
					add(data.addObject(), charge);
				}
			}
		}
		boolean hasMore = !ledger.chargesFrom(next, 1).isEmpty();
		body.put("has_more", hasMore);
		if (hasMore) {
			body.put("next", Integer.toString(next));
		}
		else {
			body.putNull("next");
		}
		return body;
	}

	private static void add(ObjectNode item, SandboxLedger.Charge charge) {
		item.put("id", charge.gatewayId());
		item.put("unique_key", charge.uniqueKey());
		item.put("status", charge.status());
		item.put("reference_id", charge.referenceId());
		item.put("type", charge.type());
		item.put("amount", charge.amountMinor());
		item.put("currency", charge.currency());
		item.put("account_id", charge.accountId());
		item.put("created_time", charge.chargedAt().getEpochSecond());
	}

	private static Reply invalid() {
		return Reply.error(400, SandboxJson.INVALID_PARAMS,
				"created_from and created_to (epoch seconds, from before to) are required; limit is 1 to " + MAX_LIMIT
						+ "; after is the next cursor of the page before");
	}

	private static String required(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null) {
			throw new NumberFormatException(name + " is missing");
		}
		return value;
	}

	private static Map<String, String> parameters(String rawQuery) {
		Map<String, String> parameters = new HashMap<>();
		if (rawQuery == null) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = equals < 0 ? pair : pair.substring(0, equals);
			parameters.putIfAbsent(decode(name), equals < 0 ? "" : decode(pair.substring(equals + 1)));
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return "";
		}
	}

}
