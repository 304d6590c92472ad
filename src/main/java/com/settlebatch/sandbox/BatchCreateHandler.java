package com.settlebatch.sandbox;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /batch/create}: request-level checks, then each call as an independent
 * payment call.
 */
final class BatchCreateHandler {

	static final int MAX_CALLS = 50;

	private static final String PAYMENTS_CALL = "/payments";

	private final SandboxSettings settings;

	private final SandboxLedger ledger;

	private final PaymentCallHandler payments;

	BatchCreateHandler(SandboxSettings settings, SandboxLedger ledger, PaymentCallHandler payments) {
		this.settings = settings;
		this.ledger = ledger;
		this.payments = payments;
	}

	Reply handle(JsonNode body, IdempotencyStore.Claim claim) {
		if (body == null || !body.isObject()) {
			return Reply.error(400, SandboxJson.INVALID_PARAMS, "the body must be a well-formed JSON object");
		}
		if (!settings.clientCredentialsMatch(clientId(body.get("client_id")),
				SandboxJson.text(body, "client_secret"))) {
			return Reply.error(401, SandboxJson.NOT_AUTHORIZED, "invalid client_id or client_secret");
		}
		JsonNode calls = body.get("calls");
		if (calls == null || !calls.isArray() || calls.isEmpty() || calls.size() > MAX_CALLS) {
			return Reply.error(400, SandboxJson.INVALID_PARAMS,
					"calls must be an array of 1 to " + MAX_CALLS + " API calls");
		}
		ledger.countCalls(calls.size());
		ArrayNode results = SandboxJson.MAPPER.createArrayNode();
		boolean dropResponse = false;
		Duration delay = Duration.ZERO;
		for (JsonNode call : calls) {
			PaymentCallHandler.Outcome outcome = handleCall(call, claim);
			dropResponse |= outcome.dropResponse();
			// One slow call holds back the whole response, as it would at a real gateway.
			delay = outcome.delay().compareTo(delay) > 0 ? outcome.delay() : delay;
			ObjectNode result = results.addObject();
			result.put("call", call.isObject() ? SandboxJson.text(call, "call") : null);
			result.set("reference_id", call.isObject() ? call.get("reference_id") : null);
			result.put("status", outcome.status());
			result.put("correlation_id", UUID.randomUUID().toString());
			result.set("response", outcome.body());
			if (outcome.replay()) {
				result.put("replay", true);
			}
		}
		ObjectNode response = SandboxJson.object();
		response.set("calls", results);
		return Reply.json(200, response).abortedIf(dropResponse).delayedBy(delay);
	}

	private PaymentCallHandler.Outcome handleCall(JsonNode call, IdempotencyStore.Claim claim) {
		if (!call.isObject()) {
			return PaymentCallHandler.Outcome.fresh(400,
					SandboxJson.error(SandboxJson.INVALID_PARAMS, "each call must be a JSON object"));
		}
		if (!PAYMENTS_CALL.equals(SandboxJson.text(call, "call"))) {
			return PaymentCallHandler.Outcome.fresh(400,
					SandboxJson.error(SandboxJson.INVALID_PARAMS, "call must be " + PAYMENTS_CALL));
		}
		JsonNode magic = call.get("magic_behavior");
		if (magic != null && !magic.isNull() && !magic.isString()) {
			return PaymentCallHandler.Outcome.fresh(400,
					SandboxJson.error(SandboxJson.INVALID_PARAMS, "magic_behavior must be a string"));
		}
		return payments.handle(SandboxJson.text(call, "unique_key"), SandboxJson.text(call, "magic_behavior"),
				call.get("parameters"), claim);
	}

	/**
	 * The merchant accounts a {@code /batch/create} request pays: the distinct
	 * {@code account_id} of its {@code /payments} calls' parameters (seed 000 names the
	 * payee of each call in its parameters; the request itself names no account).
	 *
	 * <p>
	 * How the request counts against the throttles, and why: seed 000 says a batch lets
	 * an app "avoid throttling limits on sequential API calls", yet "throttling will
	 * still apply to the batch API call itself". So a batch is one request in each window
	 * it touches, not one per call: once in the app's window, once in its own endpoint's
	 * ({@code POST /batch/create}, not {@code POST /payments}: its calls are not requests
	 * to that endpoint), and once in the window of every account it pays. The
	 * account-based throttle exists so that one merchant's spike does not hurt the others
	 * (seed 001); a batch paying a merchant is one request reaching that merchant,
	 * however many of its payments it carries, and counting it not at all would let
	 * batches bypass the throttle entirely.
	 */
	static Set<String> accountsOf(JsonNode body) {
		JsonNode calls = body == null ? null : body.get("calls");
		if (calls == null || !calls.isArray()) {
			return Set.of();
		}
		Set<String> accounts = new LinkedHashSet<>();
		for (JsonNode call : calls) {
			if (call.isObject() && PAYMENTS_CALL.equals(SandboxJson.text(call, "call"))) {
				String account = SandboxJson.text(call.get("parameters"), "account_id");
				if (account != null && !account.isBlank()) {
					accounts.add(account);
				}
			}
		}
		return accounts;
	}

	// The legacy API documents client_id as an integer while the protocol page sends a
	// string; accept both.
	private static String clientId(JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		return node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
	}

}
