package com.settlebatch.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browser tests need Debian's {@code chromium} and {@code chromium-driver} (nothing
 * is downloaded at run time). Without them the tests skip, except under {@code CI=true},
 * where a missing browser must fail the build rather than quietly test less
 * ({@code .ci/run} installs them).
 */
final class BrowserTestCondition implements ExecutionCondition {

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if ("true".equals(System.getenv("CI")) || Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM)) {
			return ConditionEvaluationResult.enabled("Chromium through " + CHROMEDRIVER);
		}
		return ConditionEvaluationResult.disabled("no " + CHROMEDRIVER + " or " + CHROMIUM
				+ " (apt-get install chromium chromium-driver; set CI=true to require them)");
	}

}
