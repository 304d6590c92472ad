package com.settlebatch.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code settle.jobs.import.*} from {@code jobs/import.yml}. */
@ConfigurationProperties("settle.jobs.import")
public record ImportJobProperties(@DefaultValue("2000") int chunkSize, @DefaultValue("1000000") long skipLimit) {
}
