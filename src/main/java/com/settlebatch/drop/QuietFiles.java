package com.settlebatch.drop;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Tells a completely written file from one still being written: complete once its size
 * and modification time have stayed the same for the settle time, as seen by this
 * watcher. The modification time alone is not enough: a copy that preserves it
 * ({@code cp -p}, {@code rsync -t}) looks old from its first byte.
 */
class QuietFiles {

	private record Seen(long size, FileTime modified, long sinceNanos) {
	}

	private final Map<Path, Seen> seen = new HashMap<>();

	private final long settleNanos;

	private final LongSupplier nanoTime;

	QuietFiles(Duration settleTime, LongSupplier nanoTime) {
		this.settleNanos = settleTime.toNanos();
		this.nanoTime = nanoTime;
	}

	boolean hasSettled(Path file, BasicFileAttributes attributes) {
		long now = nanoTime.getAsLong();
		Seen last = seen.get(file);
		if (last == null || last.size() != attributes.size()
				|| !last.modified().equals(attributes.lastModifiedTime())) {
			seen.put(file, new Seen(attributes.size(), attributes.lastModifiedTime(), now));
			return settleNanos == 0;
		}
		return now - last.sinceNanos() >= settleNanos;
	}

	/**
	 * Forgets files that left the folder, so that memory stays bounded by what is
	 * waiting.
	 */
	void retainOnly(Set<Path> present) {
		seen.keySet().retainAll(present);
	}

}
