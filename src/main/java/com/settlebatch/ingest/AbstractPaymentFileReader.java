package com.settlebatch.ingest;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * What the CSV and JSON payment readers share: one item per input row, rejected or not,
 * so the item count saved in the execution context always points at the same row on a
 * restart.
 */
public abstract class AbstractPaymentFileReader extends AbstractItemCountingItemStreamItemReader<InputRow> {

	protected final Path file;

	/**
	 * The file name only: rejects and messages must not reveal the server's directories.
	 */
	protected final String source;

	protected AbstractPaymentFileReader(Path file, String name) {
		this.file = file;
		this.source = file.getFileName().toString();
		setName(name);
	}

	/**
	 * Re-reads and discards. The default would stop at the first rejected row, which was
	 * already recorded before the restart.
	 */
	@Override
	protected void jumpToItem(int itemIndex) throws Exception {
		for (int i = 0; i < itemIndex; i++) {
			try {
				if (doRead() == null) {
					return;
				}
			}
			catch (RejectedRowException alreadyReported) {
				// counted as an item before the restart; nothing to do again
			}
		}
	}

	/** Lets callers see an unreadable file as such, not as a generic stream failure. */
	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		try {
			super.open(executionContext);
		}
		catch (ItemStreamException ex) {
			if (ex.getCause() instanceof UnreadableInputException unreadable) {
				close();
				throw unreadable;
			}
			throw ex;
		}
	}

}
