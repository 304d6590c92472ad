package com.settlebatch.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the status, the parameter at fault and the sentence for
 * the caller.
 */
class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String parameter;

	private final List<ApiError.Problem> problems;

	ApiException(HttpStatus status, String parameter, String message, List<ApiError.Problem> problems) {
		super(message);
		this.status = status;
		this.parameter = parameter;
		this.problems = problems == null ? null : List.copyOf(problems);
	}

	static ApiException badRequest(String parameter, String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, parameter, message, null);
	}

	/**
	 * A body with field problems: all of them are reported at once, so the caller fixes
	 * the request once.
	 */
	static ApiException invalidBody(List<ApiError.Problem> problems) {
		ApiError.Problem first = problems.get(0);
		String message = problems.size() == 1 ? describe(first)
				: problems.size() + " problems in the request body; the first: " + describe(first);
		return new ApiException(HttpStatus.BAD_REQUEST, first.field(), message, problems);
	}

	static ApiException conflict(String parameter, String message) {
		return new ApiException(HttpStatus.CONFLICT, parameter, message, null);
	}

	static ApiException notFound(String parameter, String message) {
		return new ApiException(HttpStatus.NOT_FOUND, parameter, message, null);
	}

	private static String describe(ApiError.Problem problem) {
		return problem.path() + " " + problem.field() + ": " + problem.reason();
	}

	HttpStatus status() {
		return status;
	}

	ApiError body() {
		return new ApiError(ApiError.word(status), parameter, getMessage(), problems);
	}

}
