package com.settlebatch.settlement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.retry.RetryPolicy;

/**
 * {@code settle.jobs.settlement.*} from {@code jobs/settlement.yml}.
 *
 * @param uniqueKeyValidity how long the gateway remembers a Unique-Key (24 h at WePay): a
 * payment first sent longer ago is never resent
 * @param reconcileBeforeExpiry a payment first sent more than {@code uniqueKeyValidity}
 * minus this ago is looked up instead of resent, while the gateway still remembers its
 * key (a lookup after the key expired proves nothing), with room for back-off and
 * throttle waits
 * @param partitioning how each pass is cut into partitions and how many run at once
 */
@ConfigurationProperties("settle.jobs.settlement")
public record SettlementJobProperties(@DefaultValue("100") int chunkSize, @DefaultValue Retry retry,
		@DefaultValue("100000") long skipLimit, @DefaultValue("24h") Duration uniqueKeyValidity,
		@DefaultValue("1h") Duration reconcileBeforeExpiry, @DefaultValue Partitioning partitioning) {

	/**
	 * Back-off for gateway retries. Every value is explicit: Spring Framework 7's default
	 * policy would wait a flat second before each retry.
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

	/**
	 * Each pass is cut into contiguous ranges of its work set, sized by payment count (as
	 * Fineract sizes its close-of-business partitions by items, not by a grid): enough
	 * partitions to keep every thread and every worker busy, none so small that it is
	 * mostly overhead.
	 *
	 * @param threads partitions settled at once by this node: the local thread pool, or,
	 * on a worker of a cluster, the partition requests it takes from the queue at once
	 * @param maxPartitions a pass is cut into at most this many partitions
	 * @param minPayments a pass is cut into no partition smaller than this (except the
	 * only one)
	 */
	public record Partitioning(@DefaultValue("4") int threads, @DefaultValue("16") int maxPartitions,
			@DefaultValue("1000") int minPayments) {

		public Partitioning {
			if (threads < 1 || maxPartitions < 1 || minPayments < 1) {
				throw new IllegalArgumentException("settle.jobs.settlement.partitioning: threads, max-partitions and "
						+ "min-payments must be at least 1, were " + threads + ", " + maxPartitions + ", "
						+ minPayments);
			}
		}

		/**
		 * How many partitions a pass of {@code payments} is cut into: at least one, even
		 * when empty.
		 */
		int partitionsFor(long payments) {
			long bySize = (payments + minPayments - 1) / minPayments;
			return (int) Math.max(1, Math.min(maxPartitions, bySize));
		}

	}

}
