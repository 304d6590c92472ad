package com.settlebatch.drop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.integration.file.filters.ResettableFileListFilter;

import com.settlebatch.ingest.InputFolder;

/**
 * Which listed files the watcher hands to the import: plain CSV/JSON files directly in
 * the drop folder (no sub-folder, symbolic link or hidden file, so no name leads outside
 * it), completely written, with their {@code .done} marker when markers are required, and
 * not handed over already. A file is handed over once per version (size and modification
 * time): a file whose import failed stays in the folder without being retried in a loop,
 * and is taken again once replaced or touched. {@link #remove} gives a file back when it
 * could not even be launched.
 */
class DropFolderFilter implements ResettableFileListFilter<File> {

	private record Version(long size, FileTime modified) {
	}

	private final InputFolder folder;

	private final boolean requireDoneMarker;

	private final QuietFiles quietFiles;

	private final Map<Path, Version> handedOver = new HashMap<>();

	DropFolderFilter(InputFolder folder, boolean requireDoneMarker, QuietFiles quietFiles) {
		this.folder = folder;
		this.requireDoneMarker = requireDoneMarker;
		this.quietFiles = quietFiles;
	}

	@Override
	public synchronized List<File> filterFiles(File[] files) {
		Set<Path> folders = folders();
		Set<Path> listed = new HashSet<>();
		for (File file : files) {
			listed.add(path(file));
		}
		// Files gone from the folder (imported, moved, deleted) are forgotten: the same
		// name dropped again is new.
		handedOver.keySet().retainAll(listed);
		quietFiles.retainOnly(listed);
		List<File> accepted = new ArrayList<>();
		for (File file : files) {
			Path path = path(file);
			if (!folders.contains(path.getParent()) || !InputFolder.isImportable(path)) {
				continue;
			}
			// Watched while its marker is missing too, so that a marker for a file at
			// rest takes effect at once.
			BasicFileAttributes attributes = attributes(path);
			if (attributes == null || !quietFiles.hasSettled(path, attributes)
					|| (requireDoneMarker && !DoneMarkers.present(path))) {
				continue;
			}
			Version version = new Version(attributes.size(), attributes.lastModifiedTime());
			if (!version.equals(handedOver.put(path, version))) {
				accepted.add(file);
			}
		}
		return accepted;
	}

	@Override
	public synchronized boolean remove(File file) {
		return handedOver.remove(path(file)) != null;
	}

	private static Path path(File file) {
		return file.toPath().toAbsolutePath().normalize();
	}

	/**
	 * The folder as configured and as the scanner lists it: resolved to its real path.
	 */
	private Set<Path> folders() {
		Set<Path> folders = new HashSet<>();
		folders.add(folder.dir());
		try {
			folders.add(folder.dir().toRealPath());
		}
		catch (IOException notThereYet) {
			// nothing is listed from a folder that does not exist
		}
		return folders;
	}

	private static BasicFileAttributes attributes(Path path) {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException gone) {
			return null;
		}
	}

}
