package com.settlebatch.settlement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.retry.RetryPolicy;

/**
 * {@code settle.jobs.settlement.*} from {@code jobs/settlement.yml}.
 *
 * @param uniqueKeyValidity how long the gateway remembers a Unique-Key (24 h at WePay): a payment
 * first sent longer ago is never resent
 * @param reconcileBeforeExpiry a payment first sent more than {@code uniqueKeyValidity} minus
 * this ago is looked up instead of resent, while the gateway still remembers its key (a lookup
 * after the key expired proves nothing), with room for back-off and throttle waits
 */
@ConfigurationProperties("settle.jobs.settlement")
public record SettlementJobProperties(@DefaultValue("100") int chunkSize, @DefaultValue Retry retry,
		@DefaultValue("100000") long skipLimit, @DefaultValue("24h") Duration uniqueKeyValidity,
		@DefaultValue("1h") Duration reconcileBeforeExpiry) {

	/**
	 * Back-off for gateway retries. Every value is explicit: Spring Framework 7's default policy
	 * would wait a flat second before each retry.
	 */
	public record Retry(@DefaultValue("4") long maxRetries, @DefaultValue("200ms") Duration delay,
			@DefaultValue("2.0") double multiplier, @DefaultValue("5s") Duration maxDelay,
			@DefaultValue("50ms") Duration jitter) {

		RetryPolicy policy() {
			return RetryPolicy.builder()
				.maxRetries(maxRetries)
				.delay(delay)
				.multiplier(multiplier)
				.maxDelay(maxDelay)
				.jitter(jitter)
				.includes(TransientGatewayException.class)
				.build();
		}

	}

}
