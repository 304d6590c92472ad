package com.settlebatch.reconciliation;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Where {@code loadCharges} reads the gateway's charges: its list of charges or a report
 * file it delivered. A class rather than the interface, so that Spring Batch can inspect
 * the step-scoped bean's type for listener annotations instead of warning that it cannot.
 */
abstract class ChargeReader implements ItemStreamReader<ListedCharge> {

}
