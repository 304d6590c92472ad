package com.settlebatch.retention;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.settlebatch.refusal.RefusedException;

/**
 * Reads a business date's archive back and proves it whole: every file's SHA-256, row
 * count and per-currency sums against its manifest. Behind the retention job's check
 * before removal and {@code settle archive show}.
 */
@Component
public class ArchiveReader {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path root;

	ArchiveReader(RetentionProperties properties) {
		this.root = properties.archiveFolder();
	}

	/** A verified archive's batches and payments, each row by column name. */
	public record ArchivedDate(LocalDate businessDate, List<Map<String, String>> batches,
			List<Map<String, String>> payments, Map<String, Manifest.Sum> paymentSums,
			Map<String, Manifest.Sum> settledSums, Path folder) {
	}

	/** The archive of a date, verified; NOT_FOUND when there is none. */
	public ArchivedDate show(LocalDate date) {
		Manifest manifest = verified(date);
		List<Map<String, String>> batches = new ArrayList<>();
		List<Map<String, String>> payments = new ArrayList<>();
		forEachRow(date, ArchivedTable.PAYMENT_BATCH.fileName(), (header, row) -> batches.add(asMap(header, row)));
		forEachRow(date, ArchivedTable.PAYMENT.fileName(), (header, row) -> payments.add(asMap(header, row)));
		return new ArchivedDate(date, batches, payments, manifest.payments(), manifest.settled(), folder(date));
	}

	Path folder(LocalDate date) {
		return root.resolve(date.toString());
	}

	boolean exists(LocalDate date) {
		return Files.exists(folder(date).resolve(Manifest.FILE_NAME));
	}

	Manifest manifest(LocalDate date) {
		Path file = folder(date).resolve(Manifest.FILE_NAME);
		if (!Files.exists(file)) {
			throw new RefusedException(RefusedException.Kind.NOT_FOUND, "no archive of " + date + " in " + root);
		}
		return JSON.readValue(file.toFile(), Manifest.class);
	}

	/**
	 * The manifest, once every file matches it: the file's bytes their SHA-256, its rows
	 * the count, the payments and settled totals the sums. Every file the manifest lists,
	 * other packages' tables too.
	 */
	Manifest verified(LocalDate date) {
		Manifest manifest = manifest(date);
		Totals totals = new Totals();
		for (ArchivedTable table : ArchivedTable.values()) {
			if (manifest.file(table.table()).isEmpty()) {
				throw mismatch(date, "its manifest lists no file of " + table.table());
			}
		}
		for (Manifest.FileEntry entry : manifest.files()) {
			if (!entry.table().matches("[a-z_]+") || !entry.file().equals(entry.table() + ".csv.gz")) {
				throw mismatch(date, "its manifest names a file " + entry.file() + " of no table");
			}
			long[] rows = { 0 };
			String sha256 = forEachRow(date, entry.file(), (header, row) -> {
				totals.add(entry.table(), header, row);
				rows[0]++;
			});
			if (!sha256.equals(entry.sha256()) || rows[0] != entry.rows()) {
				throw mismatch(date, entry.file() + " holds " + rows[0] + " rows with SHA-256 " + sha256
						+ ", the manifest says " + entry.rows() + " rows with " + entry.sha256());
			}
		}
		if (!Totals.same(totals.payments, manifest.payments()) || !Totals.same(totals.settled, manifest.settled())) {
			throw mismatch(date, "the sums of its files " + totals.payments + " / " + totals.settled
					+ " differ from the manifest's");
		}
		return manifest;
	}

	static RefusedException mismatch(LocalDate date, String what) {
		return new RefusedException(RefusedException.Kind.FAILED,
				"the archive of " + date + " does not verify: " + what);
	}

	/**
	 * Streams a file's rows to the handler (with its header); gives the file's SHA-256.
	 */
	String forEachRow(LocalDate date, String fileName, BiConsumer<List<String>, List<String>> handler) {
		Path file = folder(date).resolve(fileName);
		MessageDigest sha256 = ArchiveWriter.sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256);
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8))) {
			List<String> header = Csv.read(reader);
			for (List<String> row = header == null ? null : Csv.read(reader); row != null; row = Csv.read(reader)) {
				handler.accept(header, row);
			}
			in.transferTo(OutputStreamSink.INSTANCE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("the archive file " + file + " cannot be read", e);
		}
		return HexFormat.of().formatHex(sha256.digest());
	}

	private static Map<String, String> asMap(List<String> header, List<String> row) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			map.put(header.get(i), row.get(i));
		}
		return map;
	}

	/**
	 * Reads what the gzip reader left unread (its trailer), so that the digest is the
	 * file's.
	 */
	private static final class OutputStreamSink extends java.io.OutputStream {

		static final OutputStreamSink INSTANCE = new OutputStreamSink();

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

	}

}
