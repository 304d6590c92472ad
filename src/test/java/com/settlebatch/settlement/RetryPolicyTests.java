package com.settlebatch.settlement;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import com.settlebatch.gateway.GatewayAuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Framework 7 trap: a policy left to its defaults waits a flat second before
 * every retry. The one built from jobs/ must back off exponentially from the configured
 * delay, cap at max-delay, stop after max-retries, and retry nothing but transient
 * gateway answers.
 */
class RetryPolicyTests {

	private final SettlementJobProperties.Retry retry = new SettlementJobProperties.Retry(4, Duration.ofMillis(200),
			2.0, Duration.ofMillis(500), Duration.ZERO);

	@Test
	void backsOffExponentiallyFromTheConfiguredDelayUpToTheCapAndStops() {
		BackOffExecution backOff = retry.policy().getBackOff().start();

		assertThat(backOff.nextBackOff()).isEqualTo(200);
		assertThat(backOff.nextBackOff()).isEqualTo(400);
		assertThat(backOff.nextBackOff()).isEqualTo(500);
		assertThat(backOff.nextBackOff()).isEqualTo(500);
		assertThat(backOff.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void retriesOnlyTransientGatewayAnswers() {
		assertThat(retry.policy().shouldRetry(new TransientGatewayException(1, "503"))).isTrue();
		assertThat(retry.policy().shouldRetry(new GatewayAuthenticationException("http://gw", "c"))).isFalse();
		assertThat(retry.policy().shouldRetry(new IllegalStateException("database"))).isFalse();
	}

}
