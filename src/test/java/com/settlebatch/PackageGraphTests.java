package com.settlebatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph of the production code, read from its sources: which feature package
 * uses which. Keeps what each {@code package-info} promises true without a reviewer's
 * eye.
 */
class PackageGraphTests {

	private static final Path ROOT = Path.of("src/main/java/com/settlebatch");

	/**
	 * A use of another package in code (an import, or a qualified name), not in a
	 * comment.
	 */
	private static final Pattern USE = Pattern.compile("\\bcom\\.settlebatch\\.([a-z]+)\\.[A-Za-z]");

	private static final Map<String, Set<String>> uses = new TreeMap<>();

	@BeforeAll
	static void readTheSources() throws IOException {
		try (Stream<Path> packages = Files.list(ROOT)) {
			for (Path folder : packages.filter(Files::isDirectory).toList()) {
				String name = folder.getFileName().toString();
				uses.put(name, usesOf(folder, name));
			}
		}
	}

	@Test
	void noPackageDependsOnItselfThroughOthers() {
		List<String> cycles = new ArrayList<>();
		for (String start : uses.keySet()) {
			for (String next : uses.get(start)) {
				if (reaches(next, start, new TreeSet<>())) {
					cycles.add(start + " -> " + next + " -> ... -> " + start);
				}
			}
		}
		assertThat(cycles).as("package cycles").isEmpty();
	}

	@Test
	void theGatewayClientKnowsNothingOfTheSandbox() {
		assertThat(uses.get("gateway")).doesNotContain("sandbox");
	}

	@Test
	void onlyTheCommandLineStartsTheSandboxOnItsOwn() {
		assertThat(uses).allSatisfy((name, used) -> {
			if (!name.equals("cli")) {
				assertThat(used).as("packages %s uses", name).doesNotContain("sandbox");
			}
		});
	}

	@Test
	void theApiValidatesWithTheRulesNotWithTheImportJob() {
		assertThat(uses.get("api")).contains("rules").doesNotContain("ingest");
	}

	@Test
	void theSharedBasicsDependOnNoFeature() {
		assertThat(uses.get("refusal")).isEmpty();
		assertThat(uses.get("masking")).isEmpty();
		assertThat(uses.get("json")).isEmpty();
		assertThat(uses.get("rules")).isSubsetOf("json", "masking");
	}

	@Test
	void batchesAndPaymentsAreEachWrittenByOneClass() throws IOException {
		assertThat(writersOf("payment_batch")).containsExactly("batches/BatchRepository.java");
		assertThat(writersOf("payment")).containsExactly("batches/PaymentRepository.java");
	}

	private static List<String> writersOf(String table) throws IOException {
		Pattern write = Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+" + table + "\\b");
		List<String> writers = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(ROOT)) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				if (write.matcher(Files.readString(source)).find()) {
					writers.add(ROOT.relativize(source).toString());
				}
			}
		}
		return writers;
	}

	@Test
	void everyPackageSaysWhatLivesThereAndWhatItMayUse() {
		assertThat(uses.keySet()).allSatisfy(
				name -> assertThat(ROOT.resolve(name).resolve("package-info.java")).as("package-info of %s", name)
					.exists());
	}

	private static boolean reaches(String from, String target, Set<String> seen) {
		if (from.equals(target)) {
			return true;
		}
		if (!seen.add(from)) {
			return false;
		}
		return uses.getOrDefault(from, Set.of()).stream().anyMatch(next -> reaches(next, target, seen));
	}

	private static Set<String> usesOf(Path folder, String name) throws IOException {
		Set<String> used = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(folder)) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				for (String line : Files.readAllLines(source)) {
					String code = line.strip();
					if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
						continue;
					}
					Matcher use = USE.matcher(code);
					while (use.find()) {
						used.add(use.group(1));
					}
				}
			}
		}
		used.remove(name);
		return used;
	}

}
