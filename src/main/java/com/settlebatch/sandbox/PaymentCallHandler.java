package com.settlebatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One payment call, shared by {@code POST /payments} and each call of
 * {@code /batch/create}: concurrency guard, injected faults, idempotent replay,
 * validation and the charge itself.
 */
final class PaymentCallHandler {

	/**
	 * @param replay the answer was stored earlier; nothing was charged now
	 * @param dropResponse a fault asks to abort the HTTP exchange although the charge was
	 * made
	 * @param delay a fault asks to hold the answer back this long, with the key still
	 * claimed
	 */
	record Outcome(int status, ObjectNode body, boolean replay, boolean dropResponse, Duration delay) {

		static Outcome fresh(int status, ObjectNode body) {
			return new Outcome(status, body, false, false, Duration.ZERO);
		}
	}

	private final SandboxSettings settings;

	private final IdempotencyStore store;

	private final SandboxLedger ledger;

	private final SandboxFaults faults;

	private final Clock clock;

	PaymentCallHandler(SandboxSettings settings, IdempotencyStore store, SandboxLedger ledger, SandboxFaults faults,
			Clock clock) {
		this.settings = settings;
		this.store = store;
		this.ledger = ledger;
		this.faults = faults;
		this.clock = clock;
	}

	/**
	 * @param magicValue the {@code WePay-Magic-Behavior} header or the batch call's
	 * {@code magic_behavior}, or {@code null}
	 * @param params the payment parameters, or {@code null} when the body was not JSON
	 * @param claim the calling request's in-flight keys; the key stays claimed until the
	 * claim closes
	 */
	Outcome handle(String uniqueKey, String magicValue, JsonNode params, IdempotencyStore.Claim claim) {
		if (uniqueKey == null || uniqueKey.isBlank()) {
			return Outcome.fresh(400, SandboxJson.error(SandboxJson.UNIQUE_KEY_REQUIRED,
					"a unique key is required (Unique-Key header, or unique_key of the batch call)"));
		}
		if (params == null || !params.isObject()) {
			// Nothing to fingerprint, so this answer cannot be stored against the key.
			return Outcome.fresh(400, SandboxJson.error(SandboxJson.INVALID_PARAMS,
					"the payment parameters must be a well-formed JSON object"));
		}
		String accountId = SandboxJson.text(params, "account_id");
		Optional<MagicBehavior> magic = magicValue == null ? MagicBehavior.inAccount(accountId)
				: MagicBehavior.parse(magicValue);
		if (magicValue != null && magic.isEmpty()) {
			// A typo would otherwise silently test nothing; not stored, like any
			// request-level rejection.
			return Outcome.fresh(400, SandboxJson.error(SandboxJson.INVALID_PARAMS,
					"unsupported magic behavior; use Idempotency_Retry_<requests> or Idempotency_Downtime_<seconds>"));
		}
		if (!claim.acquire(uniqueKey)) {
			return Outcome.fresh(409, SandboxJson.error(SandboxJson.CONCURRENT_REQUEST,
					"a request with this unique key is being processed; retry with the same key"));
		}
		OptionalInt failure = faults.takeFailure(accountId);
		if (failure.isPresent()) {
			return serverError(failure.getAsInt());
		}
		String fingerprint = SandboxJson.fingerprint(params);
		Optional<IdempotencyStore.StoredAnswer> stored = store.find(uniqueKey);
		if (stored.isPresent()) {
			IdempotencyStore.StoredAnswer answer = stored.get();
			if (answer.fingerprint().equals(fingerprint)) {
				return new Outcome(answer.status(), answer.body(), true, false, Duration.ZERO);
			}
			return Outcome.fresh(400, SandboxJson.error(SandboxJson.UNIQUE_KEY_REUSED,
					"the unique key was already used with different parameters"));
		}
		if (faults.takeMagicFailure(uniqueKey, magic.orElse(null))) {
			return serverError(500);
		}
		Outcome outcome = decide(uniqueKey, params);
		if (outcome.status() < 500) {
			store.store(uniqueKey, fingerprint, outcome.status(), outcome.body());
		}
		return outcome;
	}

	private Outcome decide(String uniqueKey, JsonNode params) {
		PaymentParams payment;
		try {
			payment = PaymentParams.parse(params);
		}
		catch (PaymentParams.Invalid e) {
			return Outcome.fresh(400, SandboxJson.error(SandboxJson.INVALID_PARAMS, e.getMessage()));
		}
		if (settings.isBlocked(payment.accountId())) {
			return Outcome.fresh(403, SandboxJson.accountBlocked());
		}
		// Like a refund of an unknown payment at a real gateway: a dependent call must
		// name a real charge.
		if (payment.parentPaymentId() != null && !ledger.hasCharge(payment.parentPaymentId())) {
			return Outcome.fresh(400, SandboxJson.error(SandboxJson.INVALID_PARAMS,
					"parent_payment_id names no payment of this gateway"));
		}
		// Drawn only for payments that would be charged, so the rates are shares of
		// chargeable calls.
		RandomFaults.Draw draw = faults.drawRandomFault();
		if (draw.kind() == RandomFaults.Kind.SERVER_ERROR) {
			return serverError(draw.status());
		}
		if (draw.kind() == RandomFaults.Kind.DECLINE) {
			return Outcome.fresh(402,
					SandboxJson.error(SandboxJson.INSUFFICIENT_FUNDS, "the payment was declined: insufficient funds"));
		}
		Instant now = clock.instant();
		String gatewayId = UUID.randomUUID().toString();
		String status = settings.isPending(payment.accountId()) ? "pending" : "completed";
		ledger.record(new SandboxLedger.Charge(uniqueKey, gatewayId, payment.referenceId(), payment.accountId(),
				payment.amount(), payment.currency(), now, payment.type(), status));
		ObjectNode body = SandboxJson.object();
		body.put("id", gatewayId);
		body.put("status", status);
		body.put("reference_id", payment.referenceId());
		body.put("type", payment.type());
		body.put("amount", payment.amount());
		body.put("currency", payment.currency());
		body.put("account_id", payment.accountId());
		if (payment.parentPaymentId() != null) {
			body.put("parent_payment_id", payment.parentPaymentId());
		}
		body.put("created_time", now.getEpochSecond());
		return new Outcome(201, body, false, faults.takeDrop(payment.accountId()), draw.hang());
	}

	// Never stored, so a retry with the same key can still succeed.
	private static Outcome serverError(int status) {
		return Outcome.fresh(status, SandboxJson.error(SandboxJson.INTERNAL_ERROR,
				"the gateway failed to process the request; retry with the same key"));
	}

}
