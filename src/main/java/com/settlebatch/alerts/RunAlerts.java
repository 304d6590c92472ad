package com.settlebatch.alerts;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.gateway.CallOutcome;
import com.settlebatch.masking.CardNumbers;
import com.settlebatch.settlement.SettlementJob;

/**
 * Tells of every job run that ended FAILED or STOPPED, and of a settlement run that
 * COMPLETED leaving payments to a person: FAILED ones, among them those whose outcome at
 * the gateway is unknown. Registered on every job of the application
 * ({@link AlertsConfig}); an alert that cannot be recorded is logged and never fails the
 * run.
 */
@Component
class RunAlerts implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunAlerts.class);

	private final Alerts alerts;

	private final JdbcClient jdbc;

	RunAlerts(Alerts alerts, JdbcClient jdbc) {
		this.alerts = alerts;
		this.jdbc = jdbc;
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			AlertEvent event = eventOf(execution);
			if (event != null) {
				alerts.record(event);
			}
		}
		catch (RuntimeException e) {
			log.error("could not record the alert of job execution {}: {}", execution.getId(), e.getMessage(), e);
		}
	}

	AlertEvent eventOf(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		String job = execution.getJobInstance().getJobName();
		LocalDate date = SettlementJob.businessDate(execution.getJobParameters());
		String what = job + (date == null ? "" : " " + date) + " (execution " + execution.getId() + ")";
		if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
			String reason = CardNumbers.mask(execution.getExitStatus().getExitDescription());
			Map<String, Object> data = base(execution, job, date);
			data.put("status", status.name());
			data.put("reason", reason == null ? "" : reason);
			return new AlertEvent("run-" + status.name().toLowerCase() + ":" + execution.getId(),
					"run." + status.name().toLowerCase(),
					what + " " + status + (reason == null || reason.isBlank() ? "" : ": " + firstLine(reason)), data);
		}
		if (status == BatchStatus.COMPLETED && SettlementJob.NAME.equals(job) && date != null) {
			return needsPerson(execution, what, date);
		}
		return null;
	}

	private AlertEvent needsPerson(JobExecution execution, String what, LocalDate date) {
		long total = jdbc.sql("""
				SELECT COUNT(*) FROM payment p JOIN payment_batch b ON b.id = p.batch_id
				WHERE b.business_date = ? AND p.status = 'FAILED'""").param(date).query(Long.class).single();
		if (total == 0) {
			return null;
		}
		List<Map<String, Object>> payments = jdbc.sql("""
				SELECT p.reference_id, p.correlation_id, p.error_code, p.batch_id, b.merchant_id
				FROM payment p JOIN payment_batch b ON b.id = p.batch_id
				WHERE b.business_date = ? AND p.status = 'FAILED'
				ORDER BY b.merchant_id, p.batch_id, p.seq
				LIMIT ?""").params(date, Alerts.LISTED).query((rs, n) -> {
			Map<String, Object> payment = new LinkedHashMap<>();
			payment.put("referenceId", CardNumbers.mask(rs.getString("reference_id")));
			payment.put("correlationId", String.valueOf(rs.getString("correlation_id")));
			payment.put("errorCode", String.valueOf(rs.getString("error_code")));
			payment.put("outcomeUnknown", isUnknown(rs.getString("error_code")));
			payment.put("batchId", rs.getString("batch_id"));
			payment.put("merchantId", rs.getString("merchant_id"));
			return payment;
		}).list();
		long unknown = payments.stream().filter(p -> (Boolean) p.get("outcomeUnknown")).count();
		Map<String, Object> data = base(execution, SettlementJob.NAME, date);
		data.put("failed", total);
		data.put("payments", payments);
		return new AlertEvent("needs-person:" + execution.getId(), "run.needs-person",
				what + " COMPLETED with " + total + " FAILED payment(s) for a person"
						+ (unknown > 0 ? ", " + unknown + " of the first listed with an unknown outcome" : "") + ": "
						+ names(payments),
				data);
	}

	private static boolean isUnknown(String errorCode) {
		return CallOutcome.OUTCOME_UNKNOWN.equals(errorCode) || CallOutcome.UNKNOWN_AFTER_KEY_EXPIRY.equals(errorCode);
	}

	private static String names(List<Map<String, Object>> payments) {
		StringBuilder names = new StringBuilder();
		for (Map<String, Object> payment : payments.subList(0, Math.min(5, payments.size()))) {
			names.append(names.isEmpty() ? "" : ", ")
				.append(payment.get("referenceId"))
				.append(" (correlation ")
				.append(payment.get("correlationId"))
				.append(')');
		}
		return names + (payments.size() > 5 ? ", ..." : "");
	}

	private static Map<String, Object> base(JobExecution execution, String job, LocalDate date) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("job", job);
		data.put("executionId", execution.getId());
		if (date != null) {
			data.put("businessDate", date.toString());
		}
		return data;
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return end < 0 ? text : text.substring(0, end);
	}

}
