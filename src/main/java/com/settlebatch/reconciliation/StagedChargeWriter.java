package com.settlebatch.reconciliation;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Stages each chunk of the gateway's charges under the run's execution id. */
class StagedChargeWriter implements ItemWriter<StagedCharge> {

	private final StagedCharges stagedCharges;

	private final long executionId;

	StagedChargeWriter(StagedCharges stagedCharges, long executionId) {
		this.stagedCharges = stagedCharges;
		this.executionId = executionId;
	}

	@Override
	public void write(Chunk<? extends StagedCharge> chunk) {
		stagedCharges.stage(executionId, chunk.getItems());
	}

}
