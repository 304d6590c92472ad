package com.settlebatch.inbox;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.ingest.InputRow;
import com.settlebatch.ingest.RejectedRowException;
import com.settlebatch.ingest.ValidPayment;

/**
 * Records a rejected row as a file's import does (committed on its own, see {@code
 * RejectRecorder}), then marks its inbox row REJECTED in a transaction of its own: Spring
 * Batch 6.0.6 may roll back the chunk in which a row was skipped without reporting the
 * skip again. One after the other, never nested, so a chunk holds at most one more
 * connection. A crash between the two leaves the row TAKEN: the run's restart reads it
 * again and replaces its reject.
 */
class InboxRejects implements SkipListener<InputRow, ValidPayment> {

	private final SkipListener<InputRow, ValidPayment> rejects;

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	InboxRejects(SkipListener<InputRow, ValidPayment> rejects, JdbcClient jdbc,
			PlatformTransactionManager transactionManager) {
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.rejects = rejects;
		this.jdbc = jdbc;
	}

	@Override
	public void onSkipInRead(Throwable t) {
		rejects.onSkipInRead(t);
		ownTransaction.executeWithoutResult(status -> mark(t));
	}

	@Override
	public void onSkipInProcess(InputRow item, Throwable t) {
		rejects.onSkipInProcess(item, t);
		ownTransaction.executeWithoutResult(status -> mark(t));
	}

	@Override
	public void onSkipInWrite(ValidPayment item, Throwable t) {
		rejects.onSkipInWrite(item, t);
		ownTransaction.executeWithoutResult(status -> mark(t));
	}

	private void mark(Throwable t) {
		if (t instanceof RejectedRowException rejected) {
			InboxRows.rejected(jdbc, rejected.line());
		}
	}

}
