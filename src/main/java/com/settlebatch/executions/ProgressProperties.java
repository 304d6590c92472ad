package com.settlebatch.executions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.progress.*}: how often a running chunk step tells its progress.
 *
 * @param interval at most one progress line per step this often, whatever the chunk size
 * or the number of partitions, plus one line with the step's totals when it ends; 0 logs
 * after every chunk
 */
@ConfigurationProperties("settle.progress")
public record ProgressProperties(@DefaultValue("10s") Duration interval) {

	public ProgressProperties {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("settle.progress.interval must not be negative, was " + interval);
		}
	}

}
