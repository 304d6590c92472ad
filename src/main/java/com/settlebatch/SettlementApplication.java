package com.settlebatch;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The Spring application behind every {@code settle} command; {@link SettleCli} is the
 * entry point.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SettlementApplication {

	/**
	 * Every timestamp (opened, closed, settled) comes from here, so tests can pin time.
	 */
	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
