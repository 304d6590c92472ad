package com.settlebatch.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name beside its final one, then renamed: a reader sees
 * the old file or the whole new one, never half of it, and a run killed while writing
 * leaves only a {@code .tmp} that the next write replaces.
 */
final class AtomicFiles {

	private AtomicFiles() {
	}

	/** What writes the file's content. */
	interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	static void write(Path target, Content content) {
		Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
		try {
			Files.createDirectories(target.getParent());
			try (OutputStream out = Files.newOutputStream(temporary)) {
				content.writeTo(out);
			}
			move(temporary, target);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write report " + target, e);
		}
	}

	private static void move(Path temporary, Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException notHere) {
			// Same folder, so only an exotic file system gets here; it still replaces.
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
