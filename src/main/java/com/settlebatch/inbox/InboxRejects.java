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
 * Records a rejected row as a file's import does, and marks its inbox row REJECTED, together in a
 * transaction of their own: Spring Batch 6.0.6 may roll back the chunk in which a row was skipped
 * without reporting the skip again (see {@code RejectRecorder}).
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
		ownTransaction.executeWithoutResult(status -> {
			rejects.onSkipInRead(t);
			mark(t);
		});
	}

	@Override
	public void onSkipInProcess(InputRow item, Throwable t) {
		ownTransaction.executeWithoutResult(status -> {
			rejects.onSkipInProcess(item, t);
			mark(t);
		});
	}

	@Override
	public void onSkipInWrite(ValidPayment item, Throwable t) {
		ownTransaction.executeWithoutResult(status -> {
			rejects.onSkipInWrite(item, t);
			mark(t);
		});
	}

	private void mark(Throwable t) {
		if (t instanceof RejectedRowException rejected) {
			InboxRows.rejected(jdbc, rejected.line());
		}
	}

}
