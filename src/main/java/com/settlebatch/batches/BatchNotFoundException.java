package com.settlebatch.batches;

/** No batch has this id (ids are case-sensitive). */
public class BatchNotFoundException extends RuntimeException {

	public BatchNotFoundException(String id) {
		super("no batch with id " + id + " (ids are case-sensitive)");
	}

}
