/**
 * The payment gateway's HTTP client: authentication, the Unique-Key idempotency of every
 * call, the sliding throttle windows (in memory, or shared by every node in the database)
 * and the classification of answers into settled, declined and retryable. Knows nothing
 * of the sandbox: its endpoint comes from configuration or from whatever provides a
 * {@link com.settlebatch.gateway.GatewayEndpoint}.
 */
package com.settlebatch.gateway;
