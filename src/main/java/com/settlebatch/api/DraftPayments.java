package com.settlebatch.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.settlebatch.audit.AuditedChanges;
import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.batches.NewPayment;
import com.settlebatch.rules.PaymentDetails;

/**
 * Adding and removing the payments of a DRAFT batch. A {@code dependsOn} must name a
 * payment that is already in the batch or earlier in the same request, so parents always
 * exist first and no cycle can form; and a parent cannot be removed while a child depends
 * on it. Each change is one transaction with its audit row.
 */
@Service
class DraftPayments {

	private final JdbcClient jdbc;

	private final PaymentRepository repository;

	private final DraftBatches batches;

	private final AuditedChanges audited;

	DraftPayments(JdbcClient jdbc, PaymentRepository repository, DraftBatches batches, AuditedChanges audited) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.batches = batches;
		this.audited = audited;
	}

	/**
	 * @return the new payments' ids, in the order given
	 */
	List<String> add(String batchId, List<PaymentRequests.GivenPayment> payments) {
		return audited.call("payment.add", ids -> "batch " + batchId + ", " + added(ids), "batch " + batchId,
				() -> addLocked(batchId, payments));
	}

	/** The ids are time-ordered: the first and the last name the whole run of them. */
	private static String added(List<String> ids) {
		if (ids.isEmpty()) {
			return "no payment";
		}
		return ids.size() == 1 ? "payment " + ids.get(0)
				: ids.size() + " payments " + ids.get(0) + " to " + ids.get(ids.size() - 1);
	}

	private List<String> addLocked(String batchId, List<PaymentRequests.GivenPayment> payments) {
		batches.lockDraft(batchId, "given payments");
		Set<String> stored = new HashSet<>(jdbc.sql("SELECT reference_id FROM payment WHERE batch_id = ?")
			.param(batchId)
			.query(String.class)
			.list());
		Set<String> given = new HashSet<>();
		List<ApiError.Problem> orphans = new ArrayList<>();
		for (PaymentRequests.GivenPayment sent : payments) {
			PaymentDetails payment = sent.details();
			String reference = payment.referenceId();
			if (stored.contains(reference) || !given.add(reference)) {
				throw ApiException.conflict("referenceId",
						sent.path()
								+ " referenceId '" + QueryParams.echo(reference) + "' is " + (stored.contains(reference)
										? "already in batch " + batchId : "given twice in this request")
								+ "; reference ids are unique in a batch");
			}
			String parent = payment.dependsOn();
			if (parent != null && !stored.contains(parent) && !given.contains(parent)) {
				orphans
					.add(new ApiError.Problem(sent.path(), "dependsOn",
							"names no payment of the batch "
									+ "(a parent must already be in the batch or come earlier in the request)",
							parent));
			}
		}
		if (!orphans.isEmpty()) {
			throw ApiException.invalidBody(orphans);
		}
		int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM payment WHERE batch_id = ?")
			.param(batchId)
			.query(Integer.class)
			.single();
		List<NewPayment> rows = new ArrayList<>(payments.size());
		for (PaymentRequests.GivenPayment sent : payments) {
			PaymentDetails payment = sent.details();
			rows.add(new NewPayment(batchId, ++seq, payment.referenceId(), payment.type().code(), payment.amount(),
					payment.currency().getCurrencyCode(), payment.accountId(), payment.dependsOn(),
					payment.customData(), null));
		}
		List<String> ids = repository.addPayments(rows);
		return ids;
	}

	void delete(String paymentId) {
		audited.run("payment.remove", "payment " + paymentId, () -> deleteLocked(paymentId));
	}

	private void deleteLocked(String paymentId) {
		var payment = jdbc.sql("SELECT batch_id, reference_id FROM payment WHERE id = ?")
			.param(paymentId)
			.query((rs, n) -> new String[] { rs.getString("batch_id"), rs.getString("reference_id") })
			.optional()
			.orElseThrow(() -> PaymentController.notFound(paymentId));
		batches.lockDraft(payment[0], "have payments removed");
		List<String> children = jdbc
			.sql("SELECT reference_id FROM payment WHERE batch_id = ? AND depends_on = ? " + "ORDER BY seq")
			.params(payment[0], payment[1])
			.query(String.class)
			.list();
		if (!children.isEmpty()) {
			throw ApiException.conflict("id", "payment " + paymentId + " cannot be removed: "
					+ children.stream().map(QueryParams::echo).toList() + " depend on it; remove them first");
		}
		repository.removePayment(paymentId);
	}

}
