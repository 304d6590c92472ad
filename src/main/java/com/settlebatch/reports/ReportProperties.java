package com.settlebatch.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.reports.*}.
 *
 * @param folder where the report files go, one sub-folder per business date; relative to
 * {@code settle.home} unless absolute
 * @param fetchSize the payment rows the database hands over per round trip while a report
 * is written: what bounds the step's memory, whatever the size of a batch
 */
@ConfigurationProperties("settle.reports")
public record ReportProperties(@DefaultValue("output") String folder, @DefaultValue("500") int fetchSize) {
}
