package com.settlebatch.gateway;

import java.time.Instant;

/**
 * One charge as the gateway lists it ({@code GET /payments?created_from=...}): what
 * reconciliation compares with the payments the product recorded.
 *
 * @param amountMinor the amount in the currency's minor units, as on the wire
 * @param status {@code completed} or {@code pending}
 */
public record GatewayCharge(String gatewayId, String uniqueKey, String status, String referenceId, String type,
		long amountMinor, String currency, String accountId, Instant createdAt) {
}
