package com.settlebatch.settlement;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.infrastructure.item.Chunk;

import com.settlebatch.gateway.PaymentCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stopping the service interrupts a back-off. Framework 7 reports that with the transient
 * cause, which is skippable; the writer must then fail the chunk (rolled back,
 * restartable) instead of letting the scan count still-PENDING payments as skips.
 */
class InterruptedRetryTests {

	@Test
	void afterAnInterruptedBackOffTheChunkFailsInsteadOfBeingSkipped() {
		ChunkOutcomes outcomes = new ChunkOutcomes();
		new SettlementRetryListener(outcomes).onRetryPolicyInterruption(null, null, null);
		GatewaySettlementWriter writer = new GatewaySettlementWriter(null, outcomes, null, Clock.systemUTC(),
				Duration.ofHours(24), Duration.ofHours(1), 100);

		assertThatThrownBy(
				() -> writer.write(new Chunk<>(new PaymentCall("p", "k", "r", "payment", 1, "USD", "a", null))))
			.isInstanceOf(InterruptedException.class);
		assertThat(new LimitCheckingExceptionHierarchySkipPolicy(Set.of(TransientGatewayException.class), 100)
			.shouldSkip(new InterruptedException(), 0)).isFalse();
	}

}
