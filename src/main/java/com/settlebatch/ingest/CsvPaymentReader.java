package com.settlebatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.settlebatch.rules.PaymentField;
import com.settlebatch.rules.Problems;

/**
 * Reads a payments CSV file (RFC 4180, header row, strict UTF-8) one record at a time, so
 * memory does not grow with the file. A record holding bytes that are not UTF-8 is
 * rejected on its own, like any other bad row; only a header that is not UTF-8 makes the
 * file unreadable. Cells are passed on as written: judging them is the validator's job.
 * Every record, rejected or not, counts as one item, so a restart that re-reads the first
 * N records lands on the same record whatever was rejected before.
 */
public class CsvPaymentReader extends AbstractPaymentFileReader {

	// Blank lines are kept as records so the parser's line count stays exact; they are
	// skipped below.
	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private StrictUtf8Reader text;

	private CSVParser parser;

	private Iterator<CSVRecord> records;

	private CsvHeader header;

	public CsvPaymentReader(Path file) {
		super(file, "csvPaymentReader");
	}

	@Override
	protected void doOpen() {
		try {
			text = new StrictUtf8Reader(Files.newInputStream(file));
			parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
			records = parser.iterator();
			CSVRecord names = next(1);
			if (names == null) {
				throw new UnreadableInputException(
						source + " is empty: a header row is required. " + CsvHeader.expectedColumns());
			}
			StrictUtf8Reader.InvalidUtf8 invalid = text.invalidBetween(1, lastLine(1));
			if (invalid != null) {
				throw new UnreadableInputException(
						source + " line " + invalid.line() + ": the header row " + invalid.reason());
			}
			header = CsvHeader.parse(source, names.toList());
		}
		catch (IOException ex) {
			doClose();
			// The exception's message is often the full path, which is not for people
			// reading rejects.
			throw new UnreadableInputException(source + " cannot be read (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (RuntimeException ex) {
			doClose();
			throw ex;
		}
	}

	@Override
	protected InputRow doRead() {
		while (true) {
			long line = parser.getCurrentLineNumber() + 1;
			CSVRecord record = next(line);
			if (record == null) {
				return null;
			}
			StrictUtf8Reader.InvalidUtf8 invalid = text.invalidBetween(line, lastLine(line));
			if (invalid != null) {
				// Its cells hold placeholders for the bad bytes: not passed on, not even
				// as the reject's ids.
				throw new RejectedRowException(source, line, null, null, null,
						List.of(Problems.of("record", invalid.reason(), null)));
			}
			if (record.size() == 1 && record.get(0).isEmpty()) {
				continue;
			}
			if (record.size() != header.size()) {
				throw new RejectedRowException(source, line, null, header.cell(record, PaymentField.BATCH_EXTERNAL_ID),
						header.cell(record, PaymentField.REFERENCE_ID),
						List.of(Problems.of("record",
								"has " + record.size() + " cells but the header has " + header.size(),
								String.join(",", record.toList()))));
			}
			return header.toRow(source, line, record);
		}
	}

	/**
	 * The last line of the record just read, which started on {@code first}: a quoted
	 * cell may span lines, and the last record may lack its line end.
	 */
	private long lastLine(long first) {
		return Math.max(first, parser.getCurrentLineNumber());
	}

	private CSVRecord next(long line) {
		try {
			return records.hasNext() ? records.next() : null;
		}
		catch (UncheckedIOException ex) {
			throw unreadable(line, ex);
		}
	}

	private UnreadableInputException unreadable(long recordLine, UncheckedIOException ex) {
		Throwable detail = ex.getCause() != null ? ex.getCause() : ex;
		return new UnreadableInputException(source + " line " + recordLine
				+ ": broken CSV in the record starting on this line: " + detail.getMessage(), ex);
	}

	@Override
	protected void doClose() {
		try {
			if (parser != null) {
				parser.close();
			}
		}
		catch (IOException ex) {
			// closing a file we only read: nothing is lost
		}
		finally {
			parser = null;
			text = null;
			records = null;
			header = null;
		}
	}

}
