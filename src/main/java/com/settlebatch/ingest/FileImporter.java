package com.settlebatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import com.settlebatch.ops.JobControl;
import com.settlebatch.refusal.RefusedException;

/**
 * Imports one file: recognises content seen before by its SHA-256 (whatever the file is
 * called now) and launches the import job for new content.
 */
@Service
public class FileImporter {

	private final JobControl jobControl;

	private final Job importJob;

	private final ImportFiles importFiles;

	private final InputFolder inputFolder;

	FileImporter(JobControl jobControl, @Qualifier("importJob") Job importJob, ImportFiles importFiles,
			InputFolder inputFolder) {
		this.jobControl = jobControl;
		this.importJob = importJob;
		this.importFiles = importFiles;
		this.inputFolder = inputFolder;
	}

	public JobExecution importFile(Path file) {
		return jobControl.start(importJob, parametersFor(file));
	}

	/**
	 * The import job's parameters for a file (its absolute path and content hash), or the
	 * refusal {@link #importFile} would give: no such file, not CSV/JSON, unreadable, or
	 * content already imported, in which case a file of the drop folder has been moved to
	 * {@code failed/}. Shared with the file-drop watcher, which launches the job itself.
	 */
	public JobParameters parametersFor(Path file) {
		Path path = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(path)) {
			throw new RefusedException(RefusedException.Kind.NOT_FOUND, "no such file: " + file);
		}
		String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		if (!name.endsWith(".csv") && !name.endsWith(".json")) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					file + ": only .csv and .json files can be imported");
		}
		if (!Files.isReadable(path)) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT, file + " is not readable");
		}
		String sha256 = sha256(path);
		Optional<ImportFiles.Known> known = importFiles.find(sha256);
		if (known.isPresent() && known.get().status() == ImportFiles.Status.IMPORTED) {
			AlreadyImportedException duplicate = new AlreadyImportedException(path.getFileName().toString(),
					known.get());
			if (inputFolder.contains(path)) {
				inputFolder.moveToFailed(path, duplicate.getMessage());
			}
			throw new RefusedException(RefusedException.Kind.CONFLICT, duplicate.getMessage(), duplicate);
		}
		return new JobParametersBuilder().addString(ImportJobConfig.FILE, path.toString())
			.addString(ImportJobConfig.SHA256, sha256)
			.toJobParameters();
	}

	static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file, e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every JVM", e);
		}
	}

}
