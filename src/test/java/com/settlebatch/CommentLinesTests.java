package com.settlebatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code's {@code //} comments read as whole lines. spring-javaformat wraps a line
 * comment that passes its 90-column limit and leaves the rest on a line of its own ("//
 * each item as"), which then reads as a broken sentence; the formatter offers no setting
 * against it, so this test finds such fragments: a line of a comment that stops short
 * though the next line's first word would have fitted, in the middle of a sentence.
 */
class CommentLinesTests {

	/** The column where the formatter wraps a line comment, a tab counting four. */
	static final int LIMIT = 90;

	/** Lines meant to stand alone: the steps of a test, the items of a list. */
	private static final Pattern OWN_LINE = Pattern.compile("^(given|when|then|and then)\\b|^[-*] |^\\d+[.)] ");

	private static final Pattern SENTENCE_END = Pattern.compile("[.:;!?]$");

	@Test
	void noLineCommentIsLeftAsAFragmentOfASentence() throws IOException {
		List<String> fragments = new ArrayList<>();
		for (Path source : sources()) {
			List<String> lines = Files.readAllLines(source);
			for (int i = 0; i + 1 < lines.size(); i++) {
				if (isFragment(lines.get(i), lines.get(i + 1))) {
					fragments.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
				}
			}
		}
		assertThat(fragments).as("comment lines the formatter left as fragments (join them with the next line)")
			.isEmpty();
	}

	@Test
	void aWrappedFragmentIsFoundAndAWholeCommentIsNot() {
		String full = "\t\t// Spring Batch 6.0.6 scans a failed chunk one item per transaction and announces";
		assertThat(isFragment(full, "\t\t// each item as")).isFalse();
		assertThat(isFragment("\t\t// each item as", "\t\t// a chunk of its own: a chunk whose payments")).isTrue();
		assertThat(isFragment("\t\t// given a payment", "\t\t// when it is sent")).isFalse();
		assertThat(isFragment("\t\t// The end.", "\t\t// another sentence")).isFalse();
	}

	static boolean isFragment(String line, String next) {
		String text = commentText(line);
		String following = commentText(next);
		if (text == null || following == null || text.isEmpty() || following.isEmpty()
				|| OWN_LINE.matcher(following).find()) {
			return false;
		}
		String firstWord = following.split("\\s+")[0];
		return Character.isLowerCase(following.charAt(0)) && !SENTENCE_END.matcher(text).find()
				&& width(line) + 1 + firstWord.length() <= LIMIT && width(line) < LIMIT * 3 / 4;
	}

	private static String commentText(String line) {
		String stripped = line.strip();
		return stripped.startsWith("//") ? stripped.substring(2).strip() : null;
	}

	private static int width(String line) {
		int width = 0;
		for (char c : line.toCharArray()) {
			width = (c == '\t') ? width + 4 - width % 4 : width + 1;
		}
		return width;
	}

	private static List<Path> sources() throws IOException {
		try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")),
				Files.walk(Path.of("src/test/java")))) {
			return files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
		}
	}

}
