package com.settlebatch.batches;

/** Payment outcomes; every status but PENDING is final. */
public enum PaymentStatus {

	PENDING("Waiting to be sent to the gateway"), SETTLED("The gateway charged it"),
	DECLINED("The gateway answered 4xx; never retried"), FAILED("Retries exhausted; escalate with the correlation id"),
	SKIPPED("Its parent payment did not settle"), CANCELLED("Its batch was cancelled");

	private final String description;

	PaymentStatus(String description) {
		this.description = description;
	}

	public String description() {
		return description;
	}

}
