package com.settlebatch.drop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.settlebatch.ingest.InputFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class DropFolderFilterTests {

	private static final Duration SETTLE = Duration.ofSeconds(2);

	@TempDir
	Path dir;

	@TempDir
	Path outside;

	private long nanos;

	private InputFolder folder;

	@BeforeEach
	void folder() {
		folder = mock(InputFolder.class);
		when(folder.dir()).thenReturn(dir);
	}

	@Test
	void aFileIsHandedOverOnceAfterStayingUnchangedForTheSettleTimeAndAgainOnlyWhenGivenBack() throws IOException {
		DropFolderFilter filter = filter(false);
		Files.writeString(dir.resolve("a.csv"), "x");

		assertThat(scan(filter)).as("first sight").isEmpty();
		nanos += SETTLE.toNanos() - 1;
		assertThat(scan(filter)).isEmpty();
		nanos += 1;
		assertThat(scan(filter)).containsExactly("a.csv");
		nanos += SETTLE.toNanos();
		assertThat(scan(filter)).as("handed over already").isEmpty();

		filter.remove(dir.resolve("a.csv").toFile());
		assertThat(scan(filter)).as("given back after a failed launch").containsExactly("a.csv");
	}

	@Test
	void aFileThatGrowsWaitsForTheSettleTimeAgain() throws IOException {
		DropFolderFilter filter = filter(false);
		Path file = Files.writeString(dir.resolve("a.csv"), "x");
		scan(filter);
		nanos += SETTLE.toNanos() - 1;
		Files.writeString(file, "xy");

		assertThat(scan(filter)).isEmpty();
		nanos += SETTLE.toNanos() - 1;
		assertThat(scan(filter)).isEmpty();
		nanos += 1;
		assertThat(scan(filter)).containsExactly("a.csv");
	}

	@Test
	void onlyPlainCsvAndJsonFilesDirectlyInTheFolderAreTaken() throws IOException {
		DropFolderFilter filter = filter(false);
		Path target = Files.writeString(outside.resolve("target.csv"), "x");
		Files.createSymbolicLink(dir.resolve("link.csv"), target);
		Files.writeString(dir.resolve("..evil.csv"), "x");
		Files.writeString(dir.resolve(".hidden.json"), "x");
		Files.writeString(dir.resolve("notes.txt"), "x");
		Files.writeString(dir.resolve("a.csv.rejects.csv"), "x");
		Files.createDirectories(dir.resolve("sub.csv"));
		Files.writeString(dir.resolve("ok.json"), "x");
		// As a scanner of another folder might hand it: a name that leads outside.
		File escaping = dir.resolve("../" + outside.getFileName() + "/target.csv").toFile();

		scan(filter, escaping);
		nanos += SETTLE.toNanos();

		assertThat(scan(filter, escaping)).containsExactly("ok.json");
	}

	@Test
	void withMarkersRequiredAFileWaitsForItsMarker() throws IOException {
		DropFolderFilter filter = filter(true);
		Files.writeString(dir.resolve("a.csv"), "x");
		scan(filter);
		nanos += SETTLE.toNanos();

		assertThat(scan(filter)).isEmpty();
		Files.writeString(dir.resolve("a.csv.done"), "");
		assertThat(scan(filter)).containsExactly("a.csv");
	}

	private DropFolderFilter filter(boolean markers) {
		return new DropFolderFilter(folder, markers, new QuietFiles(SETTLE, () -> nanos));
	}

	private List<String> scan(DropFolderFilter filter, File... extra) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			File[] listed = Stream.concat(files.map(Path::toFile), Stream.of(extra)).toArray(File[]::new);
			return filter.filterFiles(listed).stream().map(File::getName).sorted().toList();
		}
	}

}
