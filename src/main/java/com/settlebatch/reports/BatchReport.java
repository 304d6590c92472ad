package com.settlebatch.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.settlebatch.batches.Money;
import com.settlebatch.masking.CardNumbers;
import com.settlebatch.rules.TextRules;

/**
 * One batch's CSV: a header, then a line per payment in settlement order. People open it
 * in a spreadsheet: a text cell that would start a formula is prefixed with a quote, as
 * the import's rejects files do, and anything shaped like a card number is masked.
 */
final class BatchReport {

	static final String[] HEADER = { "reference_id", "type", "amount", "currency", "status", "attempts", "http_status",
			"error_code", "gateway_id", "correlation_id", "settled_at" };

	/** UTC, so that the same run gives the same bytes on any machine. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private BatchReport() {
	}

	/**
	 * Writes the batch's payments as CSV and returns their totals.
	 */
	static Totals write(ReportQueries queries, String batchId, OutputStream out) throws IOException {
		Totals totals = new Totals();
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(writer);
		try {
			queries.eachPayment(batchId, row -> {
				totals.add(row.status(), row.currency(), row.amount());
				print(csv, row);
			});
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		csv.flush();
		return totals;
	}

	private static void print(CSVPrinter csv, ReportQueries.ReportRow row) {
		try {
			csv.printRecord(text(row.referenceId()), text(row.type()),
					Money.scaled(row.amount(), row.currency()).toPlainString(), text(row.currency()),
					text(row.status()), row.attempts(), row.httpStatus() == null ? "" : row.httpStatus(),
					text(row.errorCode()), text(row.gatewayId()), text(row.correlationId()), time(row.settledAt()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String text(String value) {
		if (value == null) {
			return "";
		}
		String masked = CardNumbers.mask(value);
		return TextRules.startsLikeFormula(masked) ? "'" + masked : masked;
	}

	static String time(OffsetDateTime time) {
		return time == null ? "" : TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
	}

}
