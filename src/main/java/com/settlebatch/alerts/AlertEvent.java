package com.settlebatch.alerts;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.settlebatch.masking.CardNumbers;

/**
 * Something people must hear of. The id names what happened, not when it was noticed
 * ({@code missed-start:2026-12-06}, {@code run-failed:42}): whoever records it again, a
 * retry or another node, records the same event, which is kept once and delivered once
 * per channel. It is the {@code webhook-id} of every delivery attempt.
 *
 * @param id the stable id, at most 200 characters
 * @param type what kind of event, the {@code type} of the webhook body
 * @param summary one line for a person (an e-mail's subject, the CLI's table)
 * @param data the details, the {@code data} of the webhook body: strings, numbers, lists
 * and maps of them
 */
public record AlertEvent(String id, String type, String summary, Map<String, Object> data) {

	public AlertEvent {
		if (id == null || id.isBlank() || id.length() > 200) {
			throw new IllegalArgumentException("an alert event needs an id of 1 to 200 characters");
		}
		summary = CardNumbers.mask(summary);
		summary = summary.length() > 500 ? summary.substring(0, 497) + "..." : summary;
		data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
	}

	/**
	 * A reconciliation that found exceptions still open; id
	 * {@code reconciliation-exceptions:<executionId>}, so each reconciliation run that
	 * finds some is one event.
	 */
	public static AlertEvent reconciliationExceptions(LocalDate businessDate, long executionId,
			Map<String, Long> counts, List<Long> openExceptionIds) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("businessDate", businessDate.toString());
		data.put("executionId", executionId);
		data.put("counts", new TreeMap<>(counts));
		data.put("openExceptions", openExceptionIds.size());
		data.put("openExceptionIds", openExceptionIds.stream().limit(Alerts.LISTED).toList());
		return new AlertEvent("reconciliation-exceptions:" + executionId, "reconciliation.exceptions",
				"reconciliation of " + businessDate + " (execution " + executionId + "): " + openExceptionIds.size()
						+ " open exception(s); see `settle reconcile --date " + businessDate + "`",
				data);
	}

}
