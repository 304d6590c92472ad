package com.settlebatch.inbox;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.ingest.ValidPayment;

/**
 * Stores payments exactly as a file's import does, then marks their inbox rows IMPORTED
 * in the same transaction: a restart reads only the rows still TAKEN, so none is stored
 * twice.
 */
class InboxWriter implements ItemWriter<ValidPayment> {

	private final ItemWriter<ValidPayment> payments;

	private final JdbcClient jdbc;

	InboxWriter(ItemWriter<ValidPayment> payments, JdbcClient jdbc) {
		this.payments = payments;
		this.jdbc = jdbc;
	}

	@Override
	public void write(Chunk<? extends ValidPayment> chunk) throws Exception {
		payments.write(chunk);
		// An inbox row's line is its id.
		InboxRows.imported(jdbc, chunk.getItems().stream().map(ValidPayment::line).toList());
	}

}
