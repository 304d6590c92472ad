package com.settlebatch.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the sandbox really did, for assertions: the charges made and the traffic received.
 * Thread-safe.
 */
public final class SandboxLedger {

	private static final long NONE = Long.MIN_VALUE;

	private final List<Charge> charges = new ArrayList<>(); // guarded by this

	private final java.util.Set<String> gatewayIds = new java.util.HashSet<>(); // guarded
																				// by this

	private final Map<String, Integer> chargesPerKey = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	private final Map<String, AtomicLong> throttledByReason = new ConcurrentHashMap<>();

	private final AtomicLong firstCallAt = new AtomicLong(NONE); // epoch ms

	private final AtomicLong lastCallAt = new AtomicLong(NONE); // epoch ms, only moves
																// forward

	private final Clock clock;

	SandboxLedger() {
		this(Clock.systemUTC());
	}

	SandboxLedger(Clock clock) {
		this.clock = clock;
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

	/**
	 * HTTP requests received on any path, whatever the outcome (including
	 * {@code GET /sandbox/ledger}).
	 */
	public long requestCount() {
		return requests.get();
	}

	/**
	 * Payment calls received: one per authorised, non-throttled {@code POST /payments},
	 * and the number of calls of every {@code /batch/create} that passed the
	 * request-level checks.
	 */
	public long callCount() {
		return calls.get();
	}

	/**
	 * Requests answered 429 / {@code THROTTLE_EXCEEDED}, whichever throttle refused them.
	 */
	public long throttledCount() {
		return throttled.get();
	}

	/**
	 * Requests refused by one throttle, named by its reason, e.g.
	 * {@code APPLICATION_REQUEST_THROTTLE_EXCEEDED}.
	 */
	public long throttledCount(String reason) {
		AtomicLong count = throttledByReason.get(reason);
		return count == null ? 0 : count.get();
	}

	/**
	 * When the first payment request ({@code POST /payments} or
	 * {@code POST /batch/create} counted in {@link #callCount()}) was received, in epoch
	 * milliseconds; empty before any.
	 */
	public OptionalLong firstCallAt() {
		return millis(firstCallAt.get());
	}

	/**
	 * When the latest payment request counted in {@link #callCount()} was received, in
	 * epoch milliseconds.
	 */
	public OptionalLong lastCallAt() {
		return millis(lastCallAt.get());
	}

	/** The body of {@code GET /sandbox/ledger}. */
	ObjectNode summary() {
		ObjectNode summary = SandboxJson.object();
		summary.put("charges", chargeCount());
		summary.put("requests", requestCount());
		summary.put("calls", callCount());
		summary.put("throttled", throttledCount());
		ObjectNode byReason = summary.putObject("throttledBy");
		new TreeMap<>(throttledByReason).forEach((reason, count) -> byReason.put(reason, count.get()));
		putMillis(summary, "firstCallAt", firstCallAt());
		putMillis(summary, "lastCallAt", lastCallAt());
		return summary;
	}

	private static void putMillis(ObjectNode summary, String field, OptionalLong value) {
		if (value.isPresent()) {
			summary.put(field, value.getAsLong());
		}
		else {
			summary.putNull(field);
		}
	}

	private static OptionalLong millis(long value) {
		return value == NONE ? OptionalLong.empty() : OptionalLong.of(value);
	}

	/**
	 * Whether a charge with this gateway id exists: dependent calls (refunds) must name
	 * one.
	 */
	public synchronized boolean hasCharge(String gatewayId) {
		return gatewayIds.contains(gatewayId);
	}

	/**
	 * Forgets every charge, as a fresh sandbox would, for a test that compares the whole
	 * list of charges with its own payments; the counters of traffic stay.
	 */
	public synchronized void forgetCharges() {
		charges.clear();
		gatewayIds.clear();
		chargesPerKey.clear();
	}

	synchronized void record(Charge charge) {
		gatewayIds.add(charge.gatewayId());
		charges.add(charge);
		chargesPerKey.merge(charge.uniqueKey(), 1, Integer::sum);
	}

	void countRequest() {
		requests.incrementAndGet();
	}

	/**
	 * One payment request received with {@code n} calls: counted, and its arrival
	 * stamped.
	 */
	void countCalls(int n) {
		long now = clock.millis();
		// Requests handled concurrently may stamp out of order: keep the earliest and the
		// latest.
		firstCallAt.accumulateAndGet(now, (first, at) -> first == NONE ? at : Math.min(first, at));
		lastCallAt.accumulateAndGet(now, Math::max);
		calls.addAndGet(n);
	}

	void countThrottled(String reason) {
		throttled.incrementAndGet();
		throttledByReason.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
	}

	/**
	 * Every charge from the first one on, in charge order: what {@code GET /payments}
	 * lists pages of.
	 */
	synchronized List<Charge> chargesFrom(int index, int max) {
		return index >= charges.size() ? List.of()
				: List.copyOf(charges.subList(index, Math.min(charges.size(), index + max)));
	}

	/**
	 * @param status {@code completed}, or {@code pending} for an account whose id says so
	 * (a charge the gateway has not finished)
	 */
	public record Charge(String uniqueKey, String gatewayId, String referenceId, String accountId, long amountMinor,
			String currency, Instant chargedAt, String type, String status) {
	}

}
