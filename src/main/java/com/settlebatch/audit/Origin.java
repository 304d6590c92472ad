package com.settlebatch.audit;

/** Where an audited action came from. */
public enum Origin {

	API, DASHBOARD, CLI, SCHEDULER, FILE_DROP,

	/** The poller of the {@code payment_inbox} table. */
	INBOX

}
