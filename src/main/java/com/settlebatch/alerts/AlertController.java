package com.settlebatch.alerts;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /alerts}: the recorded alerts with their delivery state, behind the API's
 * bearer token like every endpoint of {@code settle serve}.
 */
@RestController
class AlertController {

	private final AlertQueries queries;

	AlertController(AlertQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/alerts")
	Map<String, List<AlertQueries.AlertView>> alerts(@RequestParam(defaultValue = "50") int limit) {
		return Map.of("data", queries.recent(Math.max(1, Math.min(limit, 500))));
	}

}
