package com.settlebatch.inbox;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.ingest.InputRow;
import com.settlebatch.ingest.RejectedRowException;
import com.settlebatch.ingest.ValidPayment;

/** Records a rejected row as a file's import does, and marks its inbox row REJECTED in the same transaction. */
class InboxRejects implements SkipListener<InputRow, ValidPayment> {

	private final SkipListener<InputRow, ValidPayment> rejects;

	private final JdbcClient jdbc;

	InboxRejects(SkipListener<InputRow, ValidPayment> rejects, JdbcClient jdbc) {
		this.rejects = rejects;
		this.jdbc = jdbc;
	}

	@Override
	public void onSkipInRead(Throwable t) {
		rejects.onSkipInRead(t);
		mark(t);
	}

	@Override
	public void onSkipInProcess(InputRow item, Throwable t) {
		rejects.onSkipInProcess(item, t);
		mark(t);
	}

	@Override
	public void onSkipInWrite(ValidPayment item, Throwable t) {
		rejects.onSkipInWrite(item, t);
		mark(t);
	}

	private void mark(Throwable t) {
		if (t instanceof RejectedRowException rejected) {
			InboxRows.rejected(jdbc, rejected.line());
		}
	}

}
