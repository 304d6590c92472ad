package com.settlebatch.ingest;

import java.util.List;

import com.settlebatch.masking.CardNumbers;
import com.settlebatch.rules.FieldProblem;

/**
 * A row (CSV record or JSON payment object) that cannot be imported. Skippable: the
 * import job records it as a reject and goes on with the next row.
 */
public class RejectedRowException extends RuntimeException {

	private final String source;

	private final long line;

	private final String jsonPath;

	private final String batchExternalId;

	private final String referenceId;

	private final List<FieldProblem> problems;

	public RejectedRowException(String source, long line, String jsonPath, String batchExternalId, String referenceId,
			List<FieldProblem> problems) {
		super(describe(source, line, jsonPath, problems));
		this.source = source;
		this.line = line;
		this.jsonPath = jsonPath;
		this.batchExternalId = CardNumbers.mask(batchExternalId);
		this.referenceId = CardNumbers.mask(referenceId);
		this.problems = List.copyOf(problems);
	}

	public RejectedRowException(InputRow row, List<FieldProblem> problems) {
		this(row.source(), row.line(), row.jsonPath(), row.batchExternalId(), row.referenceId(), problems);
	}

	private static String describe(String source, long line, String jsonPath, List<FieldProblem> problems) {
		StringBuilder message = new StringBuilder(source);
		message.append(jsonPath == null ? " line " + line : " " + jsonPath + " (line " + line + ")");
		for (FieldProblem problem : problems) {
			message.append("; ").append(problem.field()).append(": ").append(problem.reason());
		}
		return message.toString();
	}

	public String source() {
		return source;
	}

	public long line() {
		return line;
	}

	public String jsonPath() {
		return jsonPath;
	}

	public String batchExternalId() {
		return batchExternalId;
	}

	public String referenceId() {
		return referenceId;
	}

	public List<FieldProblem> problems() {
		return problems;
	}

}
