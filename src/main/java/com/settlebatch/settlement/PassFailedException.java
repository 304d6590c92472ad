package com.settlebatch.settlement;

/**
 * A pass whose partitions did not all settle: why each failed partition failed, in its
 * own words (one reason said once for all the partitions it stopped). It stands for
 * Spring Batch's "Partition handler returned an unsuccessful step", which says neither.
 */
class PassFailedException extends RuntimeException {

	PassFailedException(String reasons) {
		super(reasons);
	}

}
