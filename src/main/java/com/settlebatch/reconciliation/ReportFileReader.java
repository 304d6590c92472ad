package com.settlebatch.reconciliation;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.settlebatch.gateway.GatewayCharge;

/**
 * A gateway's report file of charges (CSV, RFC 4180, UTF-8, header row), one record at a
 * time, with the columns of the list API: {@code id, unique_key, status, reference_id,
 * type, amount} (minor units), {@code currency, account_id, created_time} (RFC 3339). A
 * record that cannot be read fails the step, naming the file's line.
 */
class ReportFileReader extends ChargeReader {

	static final List<String> COLUMNS = List.of("id", "unique_key", "status", "reference_id", "type", "amount",
			"currency", "account_id", "created_time");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.get();

	private final Path file;

	private CSVParser parser;

	private Iterator<CSVRecord> records;

	ReportFileReader(Path file) {
		this.file = file;
	}

	@Override
	public void open(ExecutionContext context) {
		try {
			Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
			parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
		}
		catch (IOException e) {
			throw new UncheckedIOException("the gateway report " + file.getFileName() + " cannot be read", e);
		}
		List<String> missing = COLUMNS.stream().filter(column -> !parser.getHeaderNames().contains(column)).toList();
		if (!missing.isEmpty()) {
			close();
			throw new UnreadableChargeException("the gateway report " + file.getFileName() + " lacks the column(s) "
					+ String.join(", ", missing) + "; expected " + String.join(",", COLUMNS));
		}
		records = parser.iterator();
	}

	@Override
	public ListedCharge read() {
		if (!records.hasNext()) {
			return null;
		}
		CSVRecord record = records.next();
		long line = parser.getCurrentLineNumber();
		try {
			return new ListedCharge(line,
					new GatewayCharge(text(record, "id"), text(record, "unique_key"), text(record, "status"),
							text(record, "reference_id"), text(record, "type"), Long.parseLong(record.get("amount")),
							text(record, "currency"), text(record, "account_id"),
							Instant.parse(record.get("created_time"))));
		}
		catch (DateTimeParseException | IllegalArgumentException e) {
			throw new UnreadableChargeException("the gateway report " + file.getFileName() + " line " + line
					+ ": amount must be whole minor units and created_time an RFC 3339 instant", e);
		}
	}

	private static String text(CSVRecord record, String column) {
		String value = record.get(column);
		return value == null || value.isBlank() ? null : value.strip();
	}

	@Override
	public void close() {
		try {
			if (parser != null) {
				parser.close();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
