package com.settlebatch.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.settlebatch.executions.ExecutionQueries;
import com.settlebatch.ops.JobControl;

/**
 * Job executions: list, one with its steps, restart, stop. Refusals come from
 * {@link JobControl} as exit codes, which {@link ApiErrors} maps (not found 404, already
 * running or complete 409).
 */
@RestController
@RequestMapping("/executions")
@Tag(name = "executions", description = "Job executions from the Spring Batch metadata tables; restart and stop")
@ApiResponse(responseCode = "401", description = OpenApiDocument.UNAUTHORIZED,
		content = @Content(schema = @Schema(implementation = ApiError.class)))
class ExecutionController {

	private final JobControl jobs;

	private final ExecutionQueries queries;

	ExecutionController(JobControl jobs, ExecutionQueries queries) {
		this.jobs = jobs;
		this.queries = queries;
	}

	/** Newest first, with each step's counts. */
	@GetMapping
	@Operation(operationId = "listExecutions", summary = "Recent job executions, newest first, with each step's counts",
			parameters = {
					@Parameter(in = ParameterIn.QUERY, name = "job", description = "only this job",
							schema = @Schema(type = "string", example = "settlement")),
					@Parameter(in = ParameterIn.QUERY, name = "limit", description = "how many",
							schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "20")) })
	@ApiResponse(responseCode = "200", description = "the executions")
	@ApiResponse(responseCode = "400", description = "an unknown, repeated or malformed parameter")
	ExecutionJson.ExecutionList list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParams query = QueryParams.of(parameters, Set.of("job", "limit"));
		int limit = query.integer("limit", 20, 1, 1000);
		return ExecutionJson.ExecutionList.of(limit, queries.recent(query.text("job"), limit));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getExecution", summary = "One execution with its steps and why it failed")
	@ApiResponse(responseCode = "200", description = "the execution")
	@ApiResponse(responseCode = "400", description = "the id is not a whole number")
	@ApiResponse(responseCode = "404", description = "no such execution")
	ExecutionJson.Execution get(@PathVariable long id) {
		return execution(id);
	}

	/**
	 * Runs the restarted execution to its end before answering. A restart that fails
	 * again is still a 200: the request did what was asked, and the body says FAILED and
	 * why.
	 */
	@PostMapping("/{id}/restart")
	@Operation(operationId = "restartExecution",
			summary = "Restart a FAILED or STOPPED execution and answer once it has ended",
			description = "A restart that fails again is still a 200: the body says FAILED and why.")
	@ApiResponse(responseCode = "200", description = "the new execution, ended")
	@ApiResponse(responseCode = "404", description = "no such execution")
	@ApiResponse(responseCode = "409", description = "it is running, complete, or its date is held by another process")
	ExecutionJson.Execution restart(@PathVariable long id) {
		return execution(jobs.restart(id).getId());
	}

	/**
	 * Asks the execution to stop after its current chunk; the answer shows it STOPPING
	 * (or already STOPPED).
	 */
	@PostMapping("/{id}/stop")
	@Operation(operationId = "stopExecution", summary = "Ask a running execution to stop after its current chunk")
	@ApiResponse(responseCode = "200", description = "the execution, STOPPING or STOPPED")
	@ApiResponse(responseCode = "404", description = "no such execution")
	@ApiResponse(responseCode = "409", description = "it is not running")
	ExecutionJson.Execution stop(@PathVariable long id) {
		return execution(jobs.stop(id).getId());
	}

	private ExecutionJson.Execution execution(long id) {
		JobExecution execution = jobs.execution(id);
		return ExecutionJson.Execution.of(execution, queries.parameters(id), queries.steps(id),
				execution.isRunning() ? queries.waitingForWorkerSince(id).orElse(null) : null);
	}

}
