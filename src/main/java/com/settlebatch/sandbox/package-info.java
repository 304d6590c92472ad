/**
 * The sandbox payment gateway: a real HTTP server that behaves like the gateway
 * (authentication, idempotency, throttles, magic amounts, injected faults) and keeps a
 * ledger of every charge, for tests, benches and demos. Runs standalone
 * ({@code settle sandbox}) or, only behind {@code settle.sandbox.embedded=true}, inside
 * the application as its gateway. Production code never depends on it.
 */
package com.settlebatch.sandbox;
