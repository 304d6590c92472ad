package com.settlebatch.ingest;

import java.util.List;

import com.settlebatch.rules.FieldProblem;

/**
 * A chunk whose payments the unique key refused: a reference id of it is already stored
 * in its batch. Skippable like any rejected row, so that Spring Batch rolls the chunk
 * back and writes its rows one by one, where the duplicate is found and rejected with the
 * line of the first; this exception itself is never recorded as a reject. The database's
 * error is not kept as its cause: its detail names the key, and a reference id may hold a
 * card number.
 */
class StoredDuplicateInChunkException extends RejectedRowException {

	StoredDuplicateInChunkException(ValidPayment first) {
		super(first.source(), first.line(), first.jsonPath(), first.batchExternalId(), first.referenceId(), List
			.of(new FieldProblem("reference_id",
					"a reference id of this chunk is already stored in its batch; the chunk is written again row by row",
					null)));
	}

}
