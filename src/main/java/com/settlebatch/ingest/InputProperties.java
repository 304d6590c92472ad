package com.settlebatch.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.input.*} from {@code jobs/import.yml}: the drop folder, and how
 * {@code settle serve} watches it. One record for the prefix, here with
 * {@link InputFolder}, which {@code drop} uses. ({@code settle.input.watch} is read by
 * {@code drop}'s condition, before any bean exists.)
 *
 * @param dir the drop folder, relative to {@code settle.home} unless absolute
 * @param pollInterval the pause between two looks at the folder
 * @param settleTime how long a file's size and modification time must stay unchanged
 * before it counts as completely written
 * @param requireDoneMarker take {@code x.csv} only once {@code x.csv.done} exists
 * (deleted after the import)
 * @param settleAfterImport run settlement for today after each completed import
 * @param maxFilesPerPoll how many files one poll imports, one after the other, before it
 * yields
 */
@ConfigurationProperties("settle.input")
public record InputProperties(@DefaultValue("input") String dir, @DefaultValue("2s") Duration pollInterval,
		@DefaultValue("2s") Duration settleTime, @DefaultValue("false") boolean requireDoneMarker,
		@DefaultValue("false") boolean settleAfterImport, @DefaultValue("20") int maxFilesPerPoll) {
}
