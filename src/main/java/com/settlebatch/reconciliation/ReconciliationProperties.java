package com.settlebatch.reconciliation;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.reconciliation.*} from {@code jobs/reconciliation.yml}.
 *
 * @param afterSettlement reconcile a date as soon as its settlement completed (the
 * scheduler's nightly run, {@code settle run})
 * @param nextDayAt under {@code settle serve}, reconcile yesterday again at this time of
 * day (the settlement schedule's zone), for charges that appear late; null = never
 * @param pageSize charges asked per page of the gateway's list
 * @param chunkSize charges staged per transaction
 */
@ConfigurationProperties("settle.reconciliation")
public record ReconciliationProperties(@DefaultValue("false") boolean afterSettlement, LocalTime nextDayAt,
		@DefaultValue("500") int pageSize, @DefaultValue("1000") int chunkSize) {

	public ReconciliationProperties {
		if (pageSize < 1 || pageSize > 1000 || chunkSize < 1) {
			throw new IllegalArgumentException(
					"settle.reconciliation: page-size must be 1 to 1000 and chunk-size at least 1, were " + pageSize
							+ " and " + chunkSize);
		}
	}

}
