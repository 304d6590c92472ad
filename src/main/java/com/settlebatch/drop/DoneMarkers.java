package com.settlebatch.drop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code x.csv.done}: written by a sender after {@code x.csv} is complete, when
 * {@code settle.input.require-done-marker} asks for it.
 */
final class DoneMarkers {

	private static final Logger log = LoggerFactory.getLogger(DoneMarkers.class);

	static final String SUFFIX = ".done";

	private DoneMarkers() {
	}

	static boolean present(Path file) {
		return Files.isRegularFile(of(file), LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Once its file left the folder: a marker left behind would vouch for the next file
	 * of that name.
	 */
	static void delete(Path file) {
		try {
			Files.deleteIfExists(of(file));
		}
		catch (IOException e) {
			log.warn("cannot delete the marker {}: {}", of(file).getFileName(), e.getMessage());
		}
	}

	private static Path of(Path file) {
		return file.resolveSibling(file.getFileName() + SUFFIX);
	}

}
