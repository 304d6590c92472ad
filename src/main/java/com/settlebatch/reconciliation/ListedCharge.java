package com.settlebatch.reconciliation;

import com.settlebatch.gateway.GatewayCharge;

/**
 * A charge as its source gave it, with its place there: its position in the gateway's
 * listing, or its line in the report file.
 */
record ListedCharge(long line, GatewayCharge charge) {
}
