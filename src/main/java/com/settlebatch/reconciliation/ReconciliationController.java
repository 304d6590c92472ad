package com.settlebatch.reconciliation;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.settlebatch.audit.Audit;
import com.settlebatch.refusal.RefusedException;

/**
 * A date's reconciliation, the recent dates' counts with the open exceptions (what the
 * dashboard shows), and a person's resolution. Refusals are {@link RefusedException}s,
 * which the API's error advice answers in its {@code ApiError} shape (not found 404,
 * resolved already 409, no remark 400).
 */
@RestController
@RequestMapping("/reconciliations")
@Tag(name = "reconciliations", description = "The gateway's charges proved against the payments, per business date")
class ReconciliationController {

	private final Reconciliations reconciliations;

	private final Audit audit;

	ReconciliationController(Reconciliations reconciliations, Audit audit) {
		this.reconciliations = reconciliations;
		this.audit = audit;
	}

	@GetMapping
	@Operation(operationId = "getReconciliation",
			summary = "A business date's reconciliation: its latest run's counts and every exception")
	@ApiResponse(responseCode = "200", description = "the date's latest run")
	@ApiResponse(responseCode = "400", description = "date is missing or not YYYY-MM-DD")
	@ApiResponse(responseCode = "404", description = "the date was never reconciled")
	ReconciliationSummary get(@Parameter(description = "the business date", example = "2026-11-21",
			schema = @Schema(type = "string", format = "date")) @RequestParam LocalDate date) {
		return reconciliations.latest(date)
			.orElseThrow(() -> new RefusedException(RefusedException.Kind.NOT_FOUND,
					"business date " + date + " was never reconciled"));
	}

	@GetMapping("/recent")
	@Operation(operationId = "recentReconciliations",
			summary = "The latest run of each recent date (counts only), and the open exceptions of those runs")
	@ApiResponse(responseCode = "200", description = "the dates, newest first, and the open exceptions")
	Recent recent(@Parameter(description = "how many dates",
			schema = @Schema(minimum = "1", maximum = "366")) @RequestParam(defaultValue = "14") int limit) {
		if (limit < 1 || limit > 366) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT, "limit must be between 1 and 366");
		}
		return new Recent(reconciliations.recent(limit), reconciliations.openExceptions(1000));
	}

	@PostMapping("/exceptions/{id}/resolve")
	@Operation(operationId = "resolveReconciliationException",
			summary = "Resolve an exception with a remark; it stays visible, resolved")
	@ApiResponse(responseCode = "200", description = "the exception, resolved")
	@ApiResponse(responseCode = "400", description = "no remark, or one longer than 1000 characters")
	@ApiResponse(responseCode = "404", description = "no such exception")
	@ApiResponse(responseCode = "409", description = "it is resolved already")
	ExceptionEntry resolve(@PathVariable long id, @RequestBody Resolution resolution) {
		reconciliations.resolve(id, resolution == null ? null : resolution.remark(), audit.current());
		return reconciliations.exception(id).orElseThrow();
	}

	/** The body of a resolution. */
	record Resolution(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 1000) String remark) {
	}

	/** The dashboard's view: each recent date's counts and what is still open. */
	record Recent(List<ReconciliationSummary> dates, List<ExceptionEntry> openExceptions) {
	}

}
