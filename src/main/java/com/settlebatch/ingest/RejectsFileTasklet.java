package com.settlebatch.ingest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes {@code <file>.rejects.csv} beside the input from the {@code import_reject}
 * table, so the file and the table always agree (also after a restart). Streams rows;
 * cells that a spreadsheet would run as a formula are neutralised.
 */
class RejectsFileTasklet implements Tasklet {

	static final String SUFFIX = ".rejects.csv";

	private final JdbcClient jdbc;

	private final ImportFiles importFiles;

	private final String sha256;

	private final Path input;

	RejectsFileTasklet(JdbcClient jdbc, ImportFiles importFiles, String sha256, Path input) {
		this.jdbc = jdbc;
		this.importFiles = importFiles;
		this.sha256 = sha256;
		this.input = input;
	}

	static Path rejectsFileOf(Path input) {
		return input.resolveSibling(input.getFileName() + SUFFIX);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long fileId = importFiles.idOf(sha256);
		long rejects = jdbc.sql("SELECT COUNT(*) FROM import_reject WHERE import_file_id = ?")
			.param(fileId)
			.query(Long.class)
			.single();
		Path target = rejectsFileOf(input);
		if (rejects == 0) {
			Files.deleteIfExists(target);
			return RepeatStatus.FINISHED;
		}
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setHeader("line", "json_path", "batch_external_id", "reference_id", "field", "reason", "value")
			.get();
		try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(out, format)) {
			jdbc.sql("SELECT line, json_path, batch_external_id, reference_id, field, reason, raw_value "
					+ "FROM import_reject WHERE import_file_id = ? ORDER BY line, id")
				.param(fileId)
				.query(rs -> {
					try {
						printer.printRecord(rs.getLong("line"), RejectsFile.neutralise(rs.getString("json_path")),
								RejectsFile.neutralise(rs.getString("batch_external_id")),
								RejectsFile.neutralise(rs.getString("reference_id")),
								RejectsFile.neutralise(rs.getString("field")),
								RejectsFile.neutralise(rs.getString("reason")),
								RejectsFile.neutralise(rs.getString("raw_value")));
						contribution.incrementWriteCount(1);
					}
					catch (IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
				});
		}
		return RepeatStatus.FINISHED;
	}

}
