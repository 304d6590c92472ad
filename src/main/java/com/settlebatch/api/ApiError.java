package com.settlebatch.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import com.settlebatch.masking.CardNumbers;
import com.settlebatch.rules.FieldProblem;

/**
 * Every error body of the API:
 * {@code {"error":"bad_request","parameter":"openedge","message":"..."}}, plus one entry
 * per field problem when a request body was refused.
 *
 * @param error the HTTP status as a word ({@code bad_request}, {@code conflict}, ...) for
 * scripts
 * @param parameter the query parameter, path variable or body field at fault, when there
 * is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = { "error", "message" })
public record ApiError(String error, String parameter, String message, List<Problem> problems) {

	/**
	 * Messages quote what was sent; a card number is masked here whatever produced the
	 * message.
	 */
	public ApiError {
		message = CardNumbers.mask(message);
	}

	/**
	 * @param path where in the body ({@code $} for a single object, {@code $[2]} for the
	 * third of an array)
	 * @param value the value as sent, card numbers masked; null when there was none
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "ApiErrorProblem", requiredProperties = { "path", "field", "reason" })
	public record Problem(String path, String field, String reason, String value) {

		/**
		 * Values are echoed from the request: a card number must not travel back in an
		 * error body either.
		 */
		public Problem {
			reason = CardNumbers.mask(reason);
			value = value == null ? null : QueryParams.echo(value);
		}

	}

	/**
	 * Adds the problems the rules found at {@code path}, except for fields already
	 * reported: a field that was not a string, or was given twice, reached the rules as
	 * null and keeps its first problem.
	 */
	static void addRuleProblems(List<Problem> problems, String path, List<FieldProblem> found) {
		Set<String> reported = problems.stream().map(Problem::field).collect(Collectors.toSet());
		found.stream()
			.filter(p -> !reported.contains(p.field()))
			.forEach(p -> problems.add(new Problem(path, p.field(), p.reason(), p.rawValue())));
	}

	static String word(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return known == null ? "http_" + status.value() : known.name().toLowerCase(Locale.ROOT);
	}

}
