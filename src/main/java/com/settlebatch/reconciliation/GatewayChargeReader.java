package com.settlebatch.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

import com.settlebatch.gateway.ChargeListClient;
import com.settlebatch.gateway.ChargeListClient.PageFailedException;
import com.settlebatch.gateway.GatewayCharge;

/**
 * The gateway's charges of a window, page after page through its cursor. Each page keeps
 * to the shared throttle (the client takes a slot first) and is asked again under the
 * settlement's retry policy while the gateway answers 5xx, 429 or nothing; a
 * {@code Retry-After} is waited out before the policy's own back-off.
 */
class GatewayChargeReader extends ChargeReader {

	private final ChargeListClient client;

	private final RetryTemplate retry;

	private final Instant from;

	private final Instant to;

	private final int pageSize;

	private final Deque<GatewayCharge> page = new ArrayDeque<>();

	private String next;

	private boolean last;

	private long line;

	GatewayChargeReader(ChargeListClient client, RetryPolicy policy, Instant from, Instant to, int pageSize) {
		this.client = client;
		this.retry = new RetryTemplate(policy);
		this.from = from;
		this.to = to;
		this.pageSize = pageSize;
	}

	@Override
	public ListedCharge read() {
		while (page.isEmpty() && !last) {
			ChargeListClient.Page fetched = retry.invoke(this::fetch);
			page.addAll(fetched.charges());
			next = fetched.next();
			last = next == null;
		}
		GatewayCharge charge = page.poll();
		return charge == null ? null : new ListedCharge(++line, charge);
	}

	private ChargeListClient.Page fetch() {
		try {
			return client.page(from, to, pageSize, next);
		}
		catch (PageFailedException failed) {
			if (failed.retryable() && failed.retryAfter() != null) {
				pause(failed.retryAfter());
			}
			throw failed.retryable() ? new RetryablePageException(failed) : failed;
		}
	}

	private static void pause(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** A page worth asking for again; the only failure the retry policy retries. */
	static class RetryablePageException extends RuntimeException {

		RetryablePageException(PageFailedException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
