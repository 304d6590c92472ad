package com.settlebatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@code SETTLE_HOME} of a test class's own for the real launcher: its H2 database, its
 * logs and its files apart from every other test's, as on a fresh machine. Registered
 * with {@code @RegisterExtension static final ThrowAwayHome home = new ThrowAwayHome();}.
 */
final class ThrowAwayHome implements BeforeAllCallback, AfterAllCallback {

	private Path path;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		path = Files.createTempDirectory("settle-home-");
		System.setProperty("SETTLE_HOME", path.toString());
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		System.clearProperty("SETTLE_HOME");
		try (Stream<Path> files = Files.walk(path)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
	}

	Path resolve(String other) {
		return path.resolve(other);
	}

	@Override
	public String toString() {
		return path.toString();
	}

}
