package com.settlebatch.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/** {@code --json} for scripts, aligned tables for people. */
class OutputOptions {

	/** Built on the first --json only: a table should not wait for Jackson's start. */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.addModule(new SimpleModule("exact-amounts").addSerializer(BigDecimal.class, new ExactAmount()))
			.build();

	}

	@Option(names = "--json", description = "Print JSON for scripts instead of a table.")
	boolean json;

	void json(PrintWriter out, Object value) {
		out.println(Json.MAPPER.writeValueAsString(value));
	}

	static void table(PrintWriter out, List<String> headers, List<List<Object>> rows) {
		int[] widths = new int[headers.size()];
		List<List<String>> cells = new ArrayList<>();
		cells.add(headers);
		for (List<Object> row : rows) {
			cells.add(row.stream().map(v -> v == null ? "-" : String.valueOf(v)).toList());
		}
		for (List<String> row : cells) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		for (List<String> row : cells) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.size(); i++) {
				line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", row.get(i)));
			}
			out.println(line.toString().stripTrailing());
		}
	}

	/**
	 * Amounts as exact strings in the scale they come in (the currency's, see
	 * {@code Money.scaled}), as the REST API gives them: a JSON number is read as a
	 * double by most scripts, which turns 10.00 into 10.0 and loses exactness.
	 */
	private static final class ExactAmount extends StdSerializer<BigDecimal> {

		ExactAmount() {
			super(BigDecimal.class);
		}

		@Override
		public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(value.toPlainString());
		}

	}

}
