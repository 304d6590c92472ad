package com.settlebatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The drop folder ({@code settle.input.dir}) and its {@code processed/} and
 * {@code failed/} sub-folders. Only plain files directly inside it are ever taken: no
 * sub-folder, no symbolic link, no hidden or temporary file, so a name can never lead
 * outside the folder.
 */
@Component
public class InputFolder {

	private final Path dir;

	InputFolder(@Value("${settle.home:.}") String home, InputProperties properties) {
		Path configured = Path.of(properties.dir());
		this.dir = (configured.isAbsolute() ? configured : Path.of(home).resolve(configured)).toAbsolutePath()
			.normalize();
	}

	public Path dir() {
		return dir;
	}

	/** Files waiting to be imported, oldest name first. */
	public List<Path> waiting() {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(InputFolder::isImportable).sorted().toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list " + dir, e);
		}
	}

	public static boolean isImportable(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".")
				&& !name.endsWith(RejectsFileTasklet.SUFFIX) && (name.endsWith(".csv") || name.endsWith(".json"));
	}

	public boolean contains(Path file) {
		return file.toAbsolutePath().normalize().getParent().equals(dir);
	}

	/**
	 * Moves an imported file (and its rejects file) to {@code processed/}; returns where
	 * it went.
	 */
	public Path moveToProcessed(Path file) {
		Path target = moveInto("processed", file);
		Path rejects = RejectsFileTasklet.rejectsFileOf(file);
		if (Files.exists(rejects)) {
			moveInto("processed", rejects);
		}
		return target;
	}

	/**
	 * Moves a file that cannot be imported to {@code failed/}, with a {@code .reason.txt}
	 * beside it.
	 */
	public Path moveToFailed(Path file, String reason) {
		Path target = moveInto("failed", file);
		try {
			Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"),
					reason + System.lineSeparator(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write the reason file for " + target, e);
		}
		return target;
	}

	private Path moveInto(String folder, Path file) {
		try {
			Path targetDir = Files.createDirectories(dir.resolve(folder));
			Path target = targetDir.resolve(file.getFileName());
			if (Files.exists(target)) {
				target = targetDir
					.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + "-"
							+ file.getFileName());
			}
			return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot move " + file + " to " + folder + "/", e);
		}
	}

}
