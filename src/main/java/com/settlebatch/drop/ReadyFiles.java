package com.settlebatch.drop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.settlebatch.ingest.InputProperties;

/**
 * For a one-shot import of the drop folder ({@code settle run}): the same completeness
 * rules as the watcher, without its memory of earlier looks. A file counts as complete
 * once it has not been modified for {@code settle-time} and, when markers are required,
 * once its {@code .done} marker exists.
 */
@Component
public class ReadyFiles {

	private final InputProperties properties;

	private final Clock clock;

	ReadyFiles(InputProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return why the file must wait, or empty when it can be imported now
	 */
	public Optional<String> whyWaiting(Path file) {
		if (properties.requireDoneMarker() && !DoneMarkers.present(file)) {
			return Optional.of("no " + file.getFileName() + DoneMarkers.SUFFIX + " marker yet");
		}
		try {
			Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
			if (modified.plus(properties.settleTime()).isAfter(clock.instant())) {
				return Optional
					.of("modified less than " + properties.settleTime() + " ago: may still be being written");
			}
		}
		catch (IOException gone) {
			return Optional.of("cannot be read: " + gone.getClass().getSimpleName());
		}
		return Optional.empty();
	}

	/**
	 * After its import: a marker left behind would vouch for the next file of that name.
	 */
	public void imported(Path file) {
		if (properties.requireDoneMarker()) {
			DoneMarkers.delete(file);
		}
	}

}
