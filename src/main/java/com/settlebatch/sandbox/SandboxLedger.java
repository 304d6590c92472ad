package com.settlebatch.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the sandbox really did, for assertions: the charges made and the traffic received.
 * Thread-safe.
 */
public final class SandboxLedger {

	private final List<Charge> charges = new ArrayList<>(); // guarded by this
	private final java.util.Set<String> gatewayIds = new java.util.HashSet<>(); // guarded by this
	private final Map<String, Integer> chargesPerKey = new ConcurrentHashMap<>();
	private final AtomicLong requests = new AtomicLong();
	private final AtomicLong calls = new AtomicLong();

	SandboxLedger() {
	}

	/** Payments really charged (successful first answers), across all unique keys. */
	public synchronized int chargeCount() {
		return charges.size();
	}

	/** How often the key was charged; anything above 1 breaks exactly-once. */
	public int chargesFor(String uniqueKey) {
		return chargesPerKey.getOrDefault(uniqueKey, 0);
	}

	/** Snapshot of the charges in charge order. */
	public synchronized List<Charge> charges() {
		return List.copyOf(charges);
	}

	/** HTTP requests received on any path, whatever the outcome (including {@code GET /sandbox/ledger}). */
	public long requestCount() {
		return requests.get();
	}

	/**
	 * Payment calls received: one per authorised, non-throttled {@code POST /payments}, and the number of
	 * calls of every {@code /batch/create} that passed the request-level checks.
	 */
	public long callCount() {
		return calls.get();
	}

	/** The body of {@code GET /sandbox/ledger}. */
	ObjectNode summary() {
		ObjectNode summary = SandboxJson.object();
		summary.put("charges", chargeCount());
		summary.put("requests", requestCount());
		summary.put("calls", callCount());
		return summary;
	}

	/** Whether a charge with this gateway id exists: dependent calls (refunds) must name one. */
	public synchronized boolean hasCharge(String gatewayId) {
		return gatewayIds.contains(gatewayId);
	}

	synchronized void record(Charge charge) {
		gatewayIds.add(charge.gatewayId());
		charges.add(charge);
		chargesPerKey.merge(charge.uniqueKey(), 1, Integer::sum);
	}

	void countRequest() {
		requests.incrementAndGet();
	}

	void countCalls(int n) {
		calls.addAndGet(n);
	}

	public record Charge(String uniqueKey, String gatewayId, String referenceId, String accountId,
			long amountMinor, String currency, Instant chargedAt) {
	}
}
