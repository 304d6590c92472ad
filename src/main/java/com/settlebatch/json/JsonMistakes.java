package com.settlebatch.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * What is wrong with a JSON object that does not parse, in words a sender can fix it by:
 * never Jackson's own text, which names markers, byte offsets and a redacted source. The
 * usual mistakes (cut short, a key or text without double quotes, a missing or extra
 * comma, a raw line break in a string, a repeated key) each have their sentence; anything
 * else is said with where it is.
 */
final class JsonMistakes {

	private static final Pattern QUOTED = Pattern.compile("\"(.*)\"");

	private static final Pattern TOKEN = Pattern.compile("token '([^']{1,40})'");

	private JsonMistakes() {
	}

	/**
	 * @param json the whole text that was parsed, to say where the mistake is
	 */
	static String of(JacksonException mistake, String json) {
		if (mistake instanceof UnexpectedEndOfInputException) {
			return endsInsideAString(json) ? "it ends inside a string, before its closing \""
					: "it ends before its closing }";
		}
		String message = mistake.getOriginalMessage() == null ? "" : mistake.getOriginalMessage();
		int offset = mistake.getLocation() == null ? -1 : (int) mistake.getLocation().getCharOffset();
		if (message.startsWith("Duplicate Object property")) {
			Matcher key = QUOTED.matcher(message);
			return key.find() ? "the key \"" + key.group(1) + "\" appears twice" : "a key appears twice";
		}
		return what(message, json, offset);
	}

	private static String what(String message, String json, int offset) {
		if (message.contains("double-quote to start property name")) {
			return (charAt(json, offset) == '}' ? "a comma comes right before its closing }"
					: "a key is not in double quotes") + at(offset);
		}
		if (message.contains("comma to separate")) {
			return "a comma is missing between two entries" + at(offset);
		}
		if (message.contains("colon to separate")) {
			return "a colon is missing after a key" + at(offset);
		}
		if (message.contains("expected a value")) {
			return "a value is missing" + at(offset);
		}
		if (message.startsWith("Illegal unquoted character")) {
			return "a string holds a line break or another control character, which must be escaped as \\n, \\t, ..."
					+ at(offset);
		}
		Matcher token = TOKEN.matcher(message);
		if (token.find()) {
			int start = offset < 0 ? -1 : json.lastIndexOf(token.group(1), offset);
			return token.group(1) + " is not a JSON value: text must be in double quotes" + at(start);
		}
		if (message.startsWith("Invalid numeric value") || message.startsWith("Invalid number")) {
			return "a number is not written as JSON writes numbers" + at(offset);
		}
		if (message.startsWith("Unexpected close marker")) {
			return "a closing bracket does not match its opening one" + at(offset);
		}
		return "it is not valid JSON" + at(offset);
	}

	/** Whether the text ends with a string still open. */
	private static boolean endsInsideAString(String json) {
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString && c == '\\') {
				i++;
			}
			else if (c == '"') {
				inString = !inString;
			}
		}
		return inString;
	}

	private static char charAt(String json, int offset) {
		return offset >= 0 && offset < json.length() ? json.charAt(offset) : 0;
	}

	/** Where, counted from 1 in characters as an editor counts them on one line. */
	private static String at(int offset) {
		return offset < 0 ? "" : " (at character " + (offset + 1) + ")";
	}

}
