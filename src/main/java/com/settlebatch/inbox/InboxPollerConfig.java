package com.settlebatch.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

/**
 * Under {@code settle serve}: drains the inbox every {@code settle.inbox.poll-interval};
 * one run at a time per node, as the poller waits for each run to finish.
 * {@code settle.inbox.watch} turns it off in {@code settle serve}, or on alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${settle.inbox.watch:${settle.serve.enabled:false}}")
class InboxPollerConfig {

	private static final Logger log = LoggerFactory.getLogger(InboxPollerConfig.class);

	@Bean
	IntegrationFlow inboxDrainFlow(InboxImporter importer, InboxProperties properties) {
		return IntegrationFlow
			.fromSupplier(importer::drain,
					adapter -> adapter.id("inboxDrainAdapter")
						.poller(Pollers.fixedDelay(properties.pollInterval())
							.errorHandler(failure -> log.warn("inbox import not run: {}",
									NestedExceptionUtils.getMostSpecificCause(failure).getMessage()))))
			// drain() logged the outcome; the execution itself is for callers that want
			// it
			.nullChannel();
	}

}
