package com.settlebatch.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;

import com.settlebatch.rules.PaymentField;
import com.settlebatch.rules.Problems;

/**
 * Where each column is in one CSV file. The header is checked as a whole, so that a
 * sender learns every header mistake from one failed import rather than one per attempt.
 */
final class CsvHeader {

	private final Map<PaymentField, Integer> positions;

	private final int size;

	private CsvHeader(Map<PaymentField, Integer> positions, int size) {
		this.positions = positions;
		this.size = size;
	}

	static CsvHeader parse(String source, List<String> names) {
		Map<PaymentField, Integer> positions = new EnumMap<>(PaymentField.class);
		Set<String> unknown = new LinkedHashSet<>();
		Set<String> duplicate = new LinkedHashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			PaymentField field = byColumn(name);
			if (field == null) {
				unknown.add(name);
			}
			else if (positions.putIfAbsent(field, i) != null) {
				duplicate.add(name);
			}
		}
		List<String> missing = new ArrayList<>();
		for (PaymentField field : PaymentField.values()) {
			if (field.required() && !positions.containsKey(field)) {
				missing.add(field.column());
			}
		}
		List<String> errors = new ArrayList<>();
		if (!unknown.isEmpty()) {
			errors.add("unknown column(s) " + quote(unknown));
		}
		if (!duplicate.isEmpty()) {
			errors.add("duplicate column(s) " + quote(duplicate));
		}
		if (!missing.isEmpty()) {
			errors.add("missing required column(s) " + quote(missing));
		}
		if (!errors.isEmpty()) {
			throw new UnreadableInputException(
					source + " line 1: bad header: " + String.join("; ", errors) + ". " + expectedColumns());
		}
		return new CsvHeader(positions, names.size());
	}

	static String expectedColumns() {
		return "Expected columns (any order): " + PaymentField.columns()
			.stream()
			.map(column -> byColumn(column).required() ? column : column + " (optional)")
			.collect(Collectors.joining(", "));
	}

	int size() {
		return size;
	}

	/**
	 * The cell as written; an absent or empty optional cell is null, a required one stays
	 * as written.
	 */
	String cell(CSVRecord record, PaymentField field) {
		Integer position = positions.get(field);
		if (position == null || position >= record.size()) {
			return null;
		}
		String value = record.get(position);
		return value.isEmpty() && !field.required() ? null : value;
	}

	InputRow toRow(String source, long line, CSVRecord record) {
		return new InputRow(source, line, null, cell(record, PaymentField.BATCH_EXTERNAL_ID),
				cell(record, PaymentField.BATCH_NAME), cell(record, PaymentField.MERCHANT_ID), null,
				cell(record, PaymentField.REFERENCE_ID), cell(record, PaymentField.TYPE),
				cell(record, PaymentField.AMOUNT), cell(record, PaymentField.CURRENCY),
				cell(record, PaymentField.ACCOUNT_ID), cell(record, PaymentField.DEPENDS_ON),
				cell(record, PaymentField.CUSTOM_DATA));
	}

	private static PaymentField byColumn(String name) {
		for (PaymentField field : PaymentField.values()) {
			if (field.column().equals(name)) {
				return field;
			}
		}
		return null;
	}

	private static String quote(Iterable<String> names) {
		List<String> quoted = new ArrayList<>();
		names.forEach(name -> quoted.add("\"" + Problems.truncate(name) + "\""));
		return String.join(", ", quoted);
	}

}
