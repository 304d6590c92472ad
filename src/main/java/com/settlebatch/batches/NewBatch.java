package com.settlebatch.batches;

/**
 * A DRAFT batch to create, as {@link BatchRepository#insertDrafts} takes it;
 * {@code importFileId} is null for the API's batches.
 */
public record NewBatch(String externalId, String name, String merchantId, boolean processInSequence,
		Long importFileId) {
}
