package com.settlebatch.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Origin;
import com.settlebatch.audit.Outcome;

/**
 * Under {@code settle serve}: drains the inbox every {@code settle.inbox.poll-interval};
 * one run at a time per node, as the poller waits for each run to finish.
 * {@code settle.inbox.watch} turns it off in {@code settle serve}, or on alone. Each run
 * it makes is a row of the audit trail, as the file drop's imports are; a run from the
 * command line is recorded as its command.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${settle.inbox.watch:${settle.serve.enabled:false}}")
class InboxPollerConfig {

	private static final Logger log = LoggerFactory.getLogger(InboxPollerConfig.class);

	@Bean
	IntegrationFlow inboxDrainFlow(InboxImporter importer, InboxProperties properties, Audit audit) {
		return IntegrationFlow
			.fromSupplier(importer::drain,
					adapter -> adapter.id("inboxDrainAdapter")
						.poller(Pollers.fixedDelay(properties.pollInterval())
							.errorHandler(failure -> log.warn("inbox import not run: {}",
									NestedExceptionUtils.getMostSpecificCause(failure).getMessage()))))
			// drain() logged the outcome; nothing to drain sends no execution, and no
			// row.
			.handle(JobExecution.class, (execution, headers) -> {
				record(audit, execution);
				return null;
			})
			.get();
	}

	/**
	 * Right after the run: an import commits chunk by chunk, so there is no one
	 * transaction for the row to join.
	 */
	static void record(Audit audit, JobExecution execution) {
		audit.record(Actor.system(Origin.INBOX), "import.inbox", "execution " + execution.getId(), Outcome.OK,
				"ended " + execution.getStatus());
	}

}
