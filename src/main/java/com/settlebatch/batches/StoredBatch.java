package com.settlebatch.batches;

/**
 * A stored batch as the import's cross-row rules need it: its id, the merchant and name
 * its first row gave, and the import that created it (null for the API's batches).
 */
public record StoredBatch(String id, String merchantId, String name, Long importFileId) {
}
