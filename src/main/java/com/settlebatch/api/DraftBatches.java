package com.settlebatch.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.settlebatch.audit.AuditedChanges;
import com.settlebatch.batches.BatchNotFoundException;
import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.NewBatch;
import com.settlebatch.batches.BatchStatus;
import com.settlebatch.batches.BatchSummary;

/**
 * Creating and changing batches through the API; a batch can be changed only while it is
 * DRAFT. Each change is one transaction with its audit row.
 */
@Service
class DraftBatches {

	private final JdbcClient jdbc;

	private final BatchRepository repository;

	private final AuditedChanges audited;

	DraftBatches(JdbcClient jdbc, BatchRepository repository, AuditedChanges audited) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.audited = audited;
	}

	String create(BatchRequests.NewBatch batch) {
		return audited.call("batch.create", id -> "batch " + id, "new batch", () -> {
			requireExternalIdFree(batch.externalId(), null);
			return repository
				.insertDrafts(List.of(new NewBatch(batch.externalId(), batch.name(), batch.merchantId(),
						batch.processInSequence(), null)))
				.get(0);
		});
	}

	void update(String id, BatchRequests.Changes changes) {
		audited.run("batch.update", "batch " + id, () -> {
			lockDraft(id, "changed");
			if (changes.externalIdGiven()) {
				requireExternalIdFree(changes.externalId(), id);
			}
			repository.changeDraft(id, changes.name(), changes.externalIdGiven(), changes.externalId(),
					changes.processInSequence());
		});
	}

	boolean processInSequence(String id) {
		return jdbc.sql("SELECT process_in_sequence FROM payment_batch WHERE id = ?")
			.param(id)
			.query(Boolean.class)
			.optional()
			.orElseThrow(() -> new BatchNotFoundException(id));
	}

	/**
	 * How many payments each DRAFT batch holds now; the stored count is only set on
	 * submit.
	 * @return batch id to count, for the DRAFT batches among those given (none missing:
	 * zero is put)
	 */
	Map<String, Integer> draftPaymentCounts(List<BatchSummary> batches) {
		List<String> drafts = batches.stream()
			.filter(b -> b.status() == BatchStatus.DRAFT)
			.map(BatchSummary::id)
			.toList();
		Map<String, Integer> counts = new HashMap<>();
		if (drafts.isEmpty()) {
			return counts;
		}
		drafts.forEach(id -> counts.put(id, 0));
		jdbc.sql("SELECT batch_id, COUNT(*) AS n FROM payment WHERE batch_id IN (:ids) GROUP BY batch_id")
			.param("ids", drafts)
			.query(rs -> {
				counts.put(rs.getString("batch_id"), rs.getInt("n"));
			});
		return counts;
	}

	/**
	 * Locks the batch row until the transaction ends, so a submit or a settlement claim
	 * cannot slip between this check and the change.
	 * @param change what the caller is about to do, for the refusal: "changed", "given
	 * payments"...
	 */
	void lockDraft(String id, String change) {
		BatchStatus status = repository.lockStatus(id).orElseThrow(() -> new BatchNotFoundException(id));
		if (status != BatchStatus.DRAFT) {
			throw ApiException.conflict("statusCode",
					"batch " + id + " is " + status + "; it can be " + change + " only while it is DRAFT");
		}
	}

	private void requireExternalIdFree(String externalId, String exceptBatchId) {
		if (externalId == null) {
			return;
		}
		jdbc.sql("SELECT id FROM payment_batch WHERE external_id = ?")
			.param(externalId)
			.query(String.class)
			.optional()
			.filter(other -> !other.equals(exceptBatchId))
			.ifPresent(other -> {
				throw ApiException.conflict("externalId", "externalId '" + QueryParams.echo(externalId)
						+ "' is already used by batch " + other + " (external ids are unique across all batches)");
			});
	}

}
