package com.settlebatch.api;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.settlebatch.batches.BatchNotFoundException;
import com.settlebatch.batches.IllegalBatchTransitionException;
import com.settlebatch.refusal.RefusedException;

/**
 * Turns every refusal into {@link ApiError} JSON with the status a client can act on. Not
 * limited to this package's controllers: refusals made before any controller is chosen
 * (unknown path, wrong method or content type) must have the same shape.
 */
@RestControllerAdvice
class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	@ExceptionHandler
	ResponseEntity<ApiError> api(ApiException e) {
		return ResponseEntity.status(e.status()).body(e.body());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> batchNotFound(BatchNotFoundException e) {
		return error(HttpStatus.NOT_FOUND, "id", e.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> illegalTransition(IllegalBatchTransitionException e) {
		return error(HttpStatus.CONFLICT, "statusCode", e.getMessage());
	}

	/**
	 * The database's unique constraints are the last guard against two requests racing
	 * past the checks.
	 */
	@ExceptionHandler
	ResponseEntity<ApiError> duplicate(DuplicateKeyException e) {
		return error(HttpStatus.CONFLICT, null, "a concurrent request created the same externalId or referenceId; "
				+ "nothing was changed by this one");
	}

	@ExceptionHandler
	ResponseEntity<ApiError> refusal(RefusedException e) {
		HttpStatus status = switch (e.kind()) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case BAD_INPUT -> HttpStatus.BAD_REQUEST;
			case FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
		};
		return error(status, status == HttpStatus.NOT_FOUND ? "id" : null, e.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
		return error(HttpStatus.BAD_REQUEST, e.getName(), e.getName() + " must be " + expected(e.getRequiredType())
				+ ", not '" + QueryParams.echo(e.getValue()) + "'");
	}

	@ExceptionHandler
	ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
		return error(HttpStatus.BAD_REQUEST, e.getParameterName(), e.getParameterName() + " is required");
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
		return error(HttpStatus.BAD_REQUEST, "body", "the request body cannot be read");
	}

	/**
	 * Spring's own refusals (unknown path, wrong method, wrong content type) keep their
	 * status, in our shape.
	 */
	@ExceptionHandler
	ResponseEntity<ApiError> other(Exception e) {
		if (e instanceof ErrorResponse response) {
			HttpStatusCode status = response.getStatusCode();
			String detail = response.getBody().getDetail();
			return ResponseEntity.status(status)
				.headers(response.getHeaders())
				.body(new ApiError(ApiError.word(status), null, detail == null ? e.getMessage() : detail, null));
		}
		log.error("API request failed", e);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, null, "unexpected error; the server log has the details");
	}

	private static ResponseEntity<ApiError> error(HttpStatus status, String parameter, String message) {
		return ResponseEntity.status(status).body(new ApiError(ApiError.word(status), parameter, message, null));
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
			return "a whole number";
		}
		if (type.isEnum()) {
			return "one of " + List.of(type.getEnumConstants());
		}
		return "a valid " + type.getSimpleName();
	}

}
