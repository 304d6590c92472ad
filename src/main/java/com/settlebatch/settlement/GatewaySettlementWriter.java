package com.settlebatch.settlement;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.batches.PaymentOutcome;
import com.settlebatch.batches.PaymentStatus;
import com.settlebatch.gateway.CallOutcome;
import com.settlebatch.gateway.GatewayClient;
import com.settlebatch.gateway.PaymentCall;

/**
 * Sends a chunk's payments to the gateway (as /batch/create calls of at most 50) and
 * stores the final answers as one batch (see {@link PaymentRepository#recordOutcomes}).
 *
 * <p>
 * How the step's fault tolerance maps onto the gateway's rules: retryable answers make
 * this writer throw {@link TransientGatewayException}, which the step's retry policy
 * retries with back-off; on each retry only the payments still waiting are resent, with
 * their own Unique-Key. Declines and exhausted payments are final answers, not errors:
 * they are stored with the chunk's settlements in its transaction, taken out of the chunk
 * (so WRITE_COUNT counts the settled payments) and counted as write skips by
 * {@link DecidedPayments}. Throwing them as skippable exceptions would make Spring Batch
 * scan the chunk one payment per transaction, a commit and a step-execution update each.
 * A chunk whose retries run out is still scanned; during the scan {@link ChunkOutcomes}
 * answers from memory, so the scan sends nothing.
 */
class GatewaySettlementWriter implements ItemWriter<PaymentCall>, ChunkListener<Object, PaymentCall> {

	private static final Logger log = LoggerFactory.getLogger(GatewaySettlementWriter.class);

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

	private final GatewayClient gateway;

	private final ChunkOutcomes outcomes;

	private final PaymentRepository store;

	private final Clock clock;

	private final Duration keyValidity;

	private final Duration reconcileBeforeExpiry;

	private final DecidedPayments decided;

	GatewaySettlementWriter(GatewayClient gateway, ChunkOutcomes outcomes, PaymentRepository store, Clock clock,
			Duration keyValidity, Duration reconcileBeforeExpiry, long skipLimit) {
		this.decided = new DecidedPayments(skipLimit);
		this.gateway = gateway;
		this.outcomes = outcomes;
		this.store = store;
		this.clock = clock;
		this.keyValidity = keyValidity;
		this.reconcileBeforeExpiry = reconcileBeforeExpiry;
	}

	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		// Spring Batch 6.0.6 scans a failed chunk one item per transaction and announces
		// each item as a chunk of its own: a chunk whose payments all have answers
		// already is that scan, which must reuse them and never send again.
		if (!outcomes.knowsAll(chunk.getItems().stream().map(item -> ((PendingPayment) item).id()).toList())) {
			outcomes.clear();
		}
	}

	@Override
	public void write(Chunk<? extends PaymentCall> chunk) throws InterruptedException {
		if (outcomes.interrupted()) {
			// Not skippable: the chunk rolls back and the step stops, restartable.
			throw new InterruptedException("settlement interrupted while waiting to retry; restart the run to resume");
		}
		List<PaymentCall> waiting = new ArrayList<>();
		for (PaymentCall call : chunk) {
			if (!outcomes.isFinal(call.paymentId())) {
				waiting.add(call);
			}
		}
		if (!waiting.isEmpty()) {
			honourRetryAfter(waiting);
			sendOrReconcile(waiting);
		}
		for (PaymentCall call : chunk) {
			if (outcomes.get(call.paymentId()).needsLookup()) {
				CallOutcome found = gateway.lookup(call);
				log.warn("payment {}: retries exhausted after an attempt that got no answer and may have charged; "
						+ "looked up by its key: {} {}", call.paymentId(), found.kind(), found.errorCode());
				outcomes.reconcile(found, true);
			}
		}
		int retryable = 0;
		String firstRetryReason = null;
		List<PaymentOutcome> finals = new ArrayList<>(chunk.size());
		for (PaymentCall call : chunk) {
			ChunkOutcomes.Tracked tracked = outcomes.get(call.paymentId());
			CallOutcome last = tracked.last();
			switch (last.kind()) {
				case SETTLED -> finals.add(outcome(tracked, PaymentStatus.SETTLED));
				case DECLINED -> finals.add(outcome(tracked, PaymentStatus.DECLINED));
				case NOT_AT_GATEWAY -> finals.add(outcome(tracked, PaymentStatus.FAILED));
				case RETRYABLE -> {
					if (tracked.exhausted()) {
						finals.add(outcome(tracked, PaymentStatus.FAILED));
					}
					else {
						retryable++;
						firstRetryReason = firstRetryReason != null ? firstRetryReason
								: last.errorCode() + " " + (last.errorMessage() == null ? "" : last.errorMessage());
					}
				}
			}
		}
		store.recordOutcomes(finals);
		if (retryable > 0) {
			throw new TransientGatewayException(retryable, firstRetryReason.strip());
		}
		decided.countUnsettled(chunk, finals);
	}

	/**
	 * A key is only safe to resend while the gateway still remembers it. Each payment's
	 * first send is stamped (durably) before the request; one whose key is past its
	 * validity window, e.g. after a crash and a late restart, is looked up by its key
	 * instead of being sent again.
	 */
	private void sendOrReconcile(List<PaymentCall> waiting) {
		Map<String, OffsetDateTime> firstSent = store
			.stampFirstSent(waiting.stream().map(PaymentCall::paymentId).toList());
		OffsetDateTime now = OffsetDateTime.now(clock);
		OffsetDateTime resendableSince = now.minus(keyValidity).plus(reconcileBeforeExpiry);
		OffsetDateTime keyForgottenBefore = now.minus(keyValidity);
		List<PaymentCall> send = new ArrayList<>();
		for (PaymentCall call : waiting) {
			OffsetDateTime sent = firstSent.get(call.paymentId());
			if (sent != null && sent.isBefore(resendableSince)) {
				CallOutcome found = gateway.lookup(call);
				if (found.kind() == CallOutcome.Kind.NOT_AT_GATEWAY && sent.isBefore(keyForgottenBefore)) {
					// The gateway forgets keys: past the validity its "not found" proves
					// nothing.
					found = CallOutcome.unknown(call.paymentId(), found.httpStatus(),
							CallOutcome.UNKNOWN_AFTER_KEY_EXPIRY,
							"first sent " + sent + ", the gateway no longer remembers the key: it may or may not have "
									+ "charged it; reconcile before resubmitting",
							found.correlationId());
					outcomes.reconcile(found, false);
					outcomes.exhaust(call.paymentId());
				}
				else {
					outcomes.reconcile(found, false);
				}
				log.warn(
						"payment {} was first sent at {}, too close to or past the {} Unique-Key validity to resend: "
								+ "looked it up instead: {} {}",
						call.paymentId(), sent, keyValidity, found.kind(), found.errorCode());
			}
			else {
				send.add(call);
			}
		}
		if (!send.isEmpty()) {
			outcomes.record(gateway.send(send));
		}
	}

	private static PaymentOutcome outcome(ChunkOutcomes.Tracked tracked, PaymentStatus status) {
		CallOutcome last = tracked.last();
		return new PaymentOutcome(last.paymentId(), status, tracked.attempts(), last.gatewayId(), last.httpStatus(),
				last.errorCode(), last.errorMessage(), last.correlationId());
	}

	/**
	 * A throttled gateway says when to come back; the back-off policy alone could come
	 * back too early.
	 */
	private void honourRetryAfter(List<PaymentCall> waiting) throws InterruptedException {
		Duration wait = Duration.ZERO;
		for (PaymentCall call : waiting) {
			ChunkOutcomes.Tracked tracked = outcomes.get(call.paymentId());
			if (tracked != null && tracked.last().retryAfter() != null
					&& tracked.last().retryAfter().compareTo(wait) > 0) {
				wait = tracked.last().retryAfter();
			}
		}
		if (!wait.isZero()) {
			// Slept inside the chunk's transaction: a gateway asking for hours gets
			// minutes, and the retry policy decides what happens next.
			Thread.sleep(Math.min(wait.toMillis(), MAX_RETRY_AFTER.toMillis()));
		}
	}

}
