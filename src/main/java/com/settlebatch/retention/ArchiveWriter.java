package com.settlebatch.retention;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a business date's archive: each table's rows streamed into a gzip CSV under a
 * temporary name, renamed into place once complete, the manifest written the same way
 * last. The bytes depend on the rows only (no time in them), so a date archived again
 * after a crash gives the same files.
 */
@Component
class ArchiveWriter {

	private final JdbcClient jdbc;

	private final ArchiveReader reader;

	private final ArchiveTables tables;

	ArchiveWriter(JdbcClient jdbc, ArchiveReader reader, ArchiveTables tables) {
		this.jdbc = jdbc;
		this.reader = reader;
		this.tables = tables;
	}

	Manifest write(LocalDate date) {
		Path folder = reader.folder(date);
		try {
			Files.createDirectories(folder);
			Totals totals = new Totals();
			List<Manifest.FileEntry> files = new ArrayList<>();
			for (RetentionPurge.DateRows table : tables.all()) {
				files.add(writeTable(folder, date, table, totals));
			}
			Manifest manifest = new Manifest(date.toString(), files, totals.payments, totals.settled,
					importFileIds(date));
			byte[] json = ArchiveReader.JSON.writeValueAsBytes(manifest);
			Path temporary = folder.resolve(Manifest.FILE_NAME + ".tmp");
			Files.write(temporary, json);
			moveIntoPlace(temporary, folder.resolve(Manifest.FILE_NAME));
			return manifest;
		}
		catch (IOException e) {
			throw new UncheckedIOException("archive of " + date + " could not be written in " + folder, e);
		}
	}

	private Manifest.FileEntry writeTable(Path folder, LocalDate date, RetentionPurge.DateRows table, Totals totals)
			throws IOException {
		Path temporary = folder.resolve(table.fileName() + ".tmp");
		MessageDigest sha256 = sha256();
		long[] rows = { 0 };
		try (OutputStream file = Files.newOutputStream(temporary);
				Writer out = new BufferedWriter(new OutputStreamWriter(
						new GZIPOutputStream(new DigestOutputStream(file, sha256), 1 << 16), StandardCharsets.UTF_8))) {
			List<String> header = new ArrayList<>();
			jdbc.sql(table.select()).param("date", date).query(rs -> {
				if (header.isEmpty()) {
					header.addAll(columns(rs.getMetaData()));
					Csv.write(out, header);
				}
				List<String> row = new ArrayList<>(header.size());
				for (int i = 1; i <= header.size(); i++) {
					row.add(rs.getString(i));
				}
				Csv.write(out, row);
				totals.add(table.table(), header, row);
				rows[0]++;
			});
		}
		moveIntoPlace(temporary, folder.resolve(table.fileName()));
		return new Manifest.FileEntry(table.table(), table.fileName(), rows[0],
				HexFormat.of().formatHex(sha256.digest()));
	}

	private List<Long> importFileIds(LocalDate date) {
		return jdbc.sql("""
				SELECT DISTINCT import_file_id FROM payment_batch
				WHERE status = 'CLOSED' AND business_date = ? AND import_file_id IS NOT NULL
				ORDER BY import_file_id""").param(date).query(Long.class).list();
	}

	private static List<String> columns(ResultSetMetaData meta) throws java.sql.SQLException {
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
		}
		return names;
	}

	private static void moveIntoPlace(Path temporary, Path target) throws IOException {
		Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
