package com.settlebatch.retention;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.retention.*}.
 *
 * @param afterSettlement whether {@code settle serve} runs the retention job after each
 * nightly settlement
 * @param archiveAfter how old a business date's closed batches must be before they are
 * archived and removed
 * @param batchMetadata how long after it ended a finished job instance's metadata is kept
 * @param archiveFolder where the archives go, one folder per business date
 * @param rowsPerTransaction the most rows one removal transaction deletes
 */
@ConfigurationProperties("settle.retention")
public record RetentionProperties(@DefaultValue("true") boolean afterSettlement,
		@DefaultValue("90d") Duration archiveAfter, @DefaultValue("30d") Duration batchMetadata,
		@DefaultValue("archive") Path archiveFolder, @DefaultValue("5000") int rowsPerTransaction) {
}
