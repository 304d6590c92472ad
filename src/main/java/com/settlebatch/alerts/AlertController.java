package com.settlebatch.alerts;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /alerts}: the recorded alerts with their delivery state, behind the API's
 * bearer token like every endpoint of {@code settle serve}.
 */
@RestController
@Tag(name = "alerts", description = "The alerts outbox: what people were told, and whether it reached them")
class AlertController {

	private final AlertQueries queries;

	AlertController(AlertQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/alerts")
	@Operation(operationId = "listAlerts",
			summary = "Recorded alerts, newest first, with each channel's delivery state")
	@ApiResponse(responseCode = "200", description = "the alerts, at most limit (1 to 500, default 50)")
	Map<String, List<AlertQueries.AlertView>> alerts(@RequestParam(defaultValue = "50") int limit) {
		return Map.of("data", queries.recent(Math.max(1, Math.min(limit, 500))));
	}

}
