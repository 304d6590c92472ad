package com.settlebatch.retention;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive's CSV (RFC 4180): a field is quoted when it holds a comma, a quote or a
 * line break, and an empty string is quoted too, so that an unquoted empty field reads
 * back as SQL NULL and an archived row is the row the database held.
 */
final class Csv {

	private Csv() {
	}

	static void write(Writer out, List<String> fields) {
		try {
			for (int i = 0; i < fields.size(); i++) {
				if (i > 0) {
					out.write(',');
				}
				out.write(quoted(fields.get(i)));
			}
			out.write('\n');
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String quoted(String field) {
		if (field == null) {
			return "";
		}
		if (field.isEmpty() || field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
			return '"' + field.replace("\"", "\"\"") + '"';
		}
		return field;
	}

	/** The next record, or null at the end of the input. */
	static List<String> read(Reader in) throws IOException {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		int c = in.read();
		if (c < 0) {
			return null;
		}
		for (; c >= 0; c = in.read()) {
			if (quoted) {
				if (c != '"') {
					field.append((char) c);
					continue;
				}
				int next = in.read();
				if (next == '"') {
					field.append('"');
					continue;
				}
				quoted = false;
				if (next < 0) {
					break;
				}
				c = next;
			}
			if (c == '"') {
				quoted = true;
				wasQuoted = true;
			}
			else if (c == ',' || c == '\n') {
				fields.add(wasQuoted || !field.isEmpty() ? field.toString() : null);
				field.setLength(0);
				wasQuoted = false;
				if (c == '\n') {
					return fields;
				}
			}
			else {
				field.append((char) c);
			}
		}
		fields.add(wasQuoted || !field.isEmpty() ? field.toString() : null);
		return fields;
	}

}
