package com.settlebatch.audit;

import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A hand-made change and its audit row in one transaction: the OK row commits or rolls
 * back with the change. A change that throws is refused and rolled back, so its REFUSED
 * row is written in a transaction of its own afterwards, and the attempt stays in the
 * trail. Either way the request is marked {@link Audit#RECORDED}, so the security chain's
 * generic row is not written as well. Who acted is {@link Audit#current()}: the signed-in
 * person of a request, else the OS user of the command line.
 *
 * <pre>
 * changes.run("batch.submit", "batch " + id, () -&gt; repository.submit(id));
 * </pre>
 */
@Component
public class AuditedChanges {

	private final Audit audit;

	private final TransactionTemplate change;

	private final TransactionTemplate apart;

	AuditedChanges(Audit audit, PlatformTransactionManager transactions) {
		this.audit = audit;
		this.change = new TransactionTemplate(transactions);
		this.apart = new TransactionTemplate(transactions);
		// A caller's transaction may be rolling back with the refusal: its row must not.
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * @param target what the change acts on, e.g. {@code batch 0193...}
	 */
	public void run(String action, String target, Runnable work) {
		call(action, done -> target, target, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * @param target what the change acted on, from its result (a new id)
	 * @param refusedTarget what it was to act on, for the REFUSED row
	 * @return the change's result
	 */
	public <T> T call(String action, Function<? super T, String> target, String refusedTarget, Supplier<T> work) {
		Actor actor = audit.current();
		try {
			return change.execute(status -> {
				T result = work.get();
				audit.record(actor, action, target.apply(result), Outcome.OK);
				return result;
			});
		}
		catch (RuntimeException refused) {
			recordRefusal(actor, action, refusedTarget, refused);
			throw refused;
		}
	}

	private void recordRefusal(Actor actor, String action, String target, RuntimeException refused) {
		try {
			apart.executeWithoutResult(status -> audit.record(actor, action, target, Outcome.REFUSED, reason(refused)));
		}
		catch (DataAccessException unrecorded) {
			// The caller's answer is the refusal; the trail's own failure goes with it.
			refused.addSuppressed(unrecorded);
		}
	}

	/**
	 * The product's refusals say why in words meant for the caller; a database error's
	 * message may quote values and SQL, so only its kind is kept.
	 */
	static String reason(RuntimeException refused) {
		if (refused instanceof DataAccessException || refused.getMessage() == null) {
			return refused.getClass().getSimpleName();
		}
		return refused.getMessage();
	}

}
