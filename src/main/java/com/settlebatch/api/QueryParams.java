package com.settlebatch.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

import com.settlebatch.masking.CardNumbers;

/**
 * Strict reading of query parameters: an unknown or repeated parameter is refused rather
 * than ignored, because a misspelt filter ({@code openedgte}) would otherwise silently
 * return everything.
 */
final class QueryParams {

	private static final Pattern YYYYMMDD = Pattern.compile("[0-9]{8}");

	private final MultiValueMap<String, String> values;

	private QueryParams(MultiValueMap<String, String> values) {
		this.values = values;
	}

	static QueryParams of(MultiValueMap<String, String> values, Set<String> allowed) {
		for (var entry : values.entrySet()) {
			if (!allowed.contains(entry.getKey())) {
				throw ApiException.badRequest(entry.getKey(), "unknown query parameter '" + echo(entry.getKey())
						+ "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
			}
			if (entry.getValue().size() > 1) {
				throw ApiException.badRequest(entry.getKey(), entry.getKey() + " is given more than once");
			}
		}
		return new QueryParams(values);
	}

	String text(String name) {
		String value = values.getFirst(name);
		return value == null || value.isEmpty() ? null : value;
	}

	int integer(String name, int defaultValue, int min, int max) {
		String value = text(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below, with the range
		}
		throw ApiException.badRequest(name, name + " must be a whole number from " + min
				+ (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", not '" + echo(value) + "'");
	}

	/** USAePay dates: exactly eight digits, {@code YYYYmmdd}, a real calendar day. */
	LocalDate date(String name) {
		String value = text(name);
		if (value == null) {
			return null;
		}
		if (YYYYMMDD.matcher(value).matches()) {
			try {
				return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE);
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		throw ApiException.badRequest(name,
				name + " must be a date as YYYYmmdd (like 20171003), not '" + echo(value) + "'");
	}

	<E extends Enum<E>> E enumValue(String name, Class<E> type) {
		String value = text(name);
		if (value == null) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(value)) {
				return constant;
			}
		}
		List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
		throw ApiException.badRequest(name,
				name + " must be one of " + String.join(", ", names) + ", not '" + echo(value) + "'");
	}

	/** A value sent back in an error: short, and never a card number. */
	static String echo(Object value) {
		String text = CardNumbers.mask(String.valueOf(value));
		return text.length() > 100 ? text.substring(0, 97) + "..." : text;
	}

}
