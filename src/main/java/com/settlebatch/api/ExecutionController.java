package com.settlebatch.api;

import java.util.Set;

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
class ExecutionController {

	private final JobControl jobs;

	private final ExecutionQueries queries;

	ExecutionController(JobControl jobs, ExecutionQueries queries) {
		this.jobs = jobs;
		this.queries = queries;
	}

	/** Newest first, with step totals. */
	@GetMapping
	ExecutionJson.ExecutionList list(@RequestParam MultiValueMap<String, String> parameters) {
		QueryParams query = QueryParams.of(parameters, Set.of("job", "limit"));
		int limit = query.integer("limit", 20, 1, 1000);
		return new ExecutionJson.ExecutionList("list", limit, queries.recent(query.text("job"), limit));
	}

	@GetMapping("/{id}")
	ExecutionJson.Execution get(@PathVariable long id) {
		return execution(id);
	}

	/**
	 * Runs the restarted execution to its end before answering. A restart that fails
	 * again is still a 200: the request did what was asked, and the body says FAILED and
	 * why.
	 */
	@PostMapping("/{id}/restart")
	ExecutionJson.Execution restart(@PathVariable long id) {
		return execution(jobs.restart(id).getId());
	}

	/**
	 * Asks the execution to stop after its current chunk; the answer shows it STOPPING
	 * (or already STOPPED).
	 */
	@PostMapping("/{id}/stop")
	ExecutionJson.Execution stop(@PathVariable long id) {
		return execution(jobs.stop(id).getId());
	}

	private ExecutionJson.Execution execution(long id) {
		return ExecutionJson.Execution.of(jobs.execution(id), queries.parameters(id), queries.steps(id));
	}

}
