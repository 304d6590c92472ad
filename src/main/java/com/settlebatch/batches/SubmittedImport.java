package com.settlebatch.batches;

/**
 * What {@link BatchRepository#submitImported} did with an import's batches: how many it
 * submitted, and how many it removed because none of their rows survived.
 */
public record SubmittedImport(int submitted, int removedEmpty) {
}
