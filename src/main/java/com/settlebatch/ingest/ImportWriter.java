package com.settlebatch.ingest;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stores valid rows as payments of DRAFT batches owned by this file. Rules that need more than
 * one row (the batch's merchant and name agree across rows, a reference id is unique in its
 * batch, an external id is not already another import's) are checked here; a breach throws
 * {@link RejectedRowException} before anything is written, so that Spring Batch scans the chunk
 * row by row and skips exactly the offending rows.
 */
class ImportWriter implements ItemWriter<ValidPayment> {

	private static final Pattern TRAILING_INDEX = Pattern.compile("\\[(\\d+)\\]$");

	private record BatchRef(String id, String merchantId, String name, long importFileId) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long importFileId;

	private final Map<String, BatchRef> batches = new HashMap<>();

	ImportWriter(JdbcClient jdbc, Clock clock, long importFileId) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.importFileId = importFileId;
	}

	@Override
	public void write(Chunk<? extends ValidPayment> chunk) {
		Map<String, BatchRef> planned = new HashMap<>();
		Map<String, ValidPayment> seen = new HashMap<>();
		for (ValidPayment row : chunk) {
			BatchRef batch = batchOf(row, planned);
			checkBatch(row, batch);
			ValidPayment first = seen.putIfAbsent(row.batchExternalId() + '\u0000' + row.referenceId(), row);
			Long storedLine = first != null ? Long.valueOf(first.line()) : storedLine(batch.id(), row.referenceId());
			if (storedLine != null) {
				throw reject(row, "reference_id", "duplicate reference_id in batch " + row.batchExternalId()
						+ " (first at line " + storedLine + ")", row.referenceId());
			}
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (ValidPayment row : chunk) {
			BatchRef batch = batches.get(row.batchExternalId());
			if (batch == null) {
				batch = planned.get(row.batchExternalId());
				jdbc.sql("INSERT INTO payment_batch (id, external_id, name, merchant_id, status, process_in_sequence, "
						+ "opened, import_file_id) VALUES (?, ?, ?, ?, 'DRAFT', ?, ?, ?)")
					.params(batch.id(), row.batchExternalId(), row.batchName(), row.merchantId(),
							row.processInSequence(), now, importFileId)
					.update();
				batches.put(row.batchExternalId(), batch);
			}
			jdbc.sql("INSERT INTO payment (id, batch_id, seq, reference_id, type, amount, currency, account_id, "
					+ "depends_on, custom_data, unique_key, status, source_line, updated_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")
				.params(UUID.randomUUID().toString(), batch.id(), seq(row), row.referenceId(),
						row.type().code(), row.amount(), row.currency().getCurrencyCode(), row.accountId(),
						row.dependsOn(), row.customData(), UUID.randomUUID().toString(), row.line(), now)
				.update();
		}
	}

	/**
	 * The batch a row belongs to: stored already (by another import, or by this one before a
	 * restart: then it is reused, never inserted again), or planned by this chunk.
	 */
	private BatchRef batchOf(ValidPayment row, Map<String, BatchRef> planned) {
		BatchRef batch = batches.containsKey(row.batchExternalId()) ? batches.get(row.batchExternalId())
				: planned.get(row.batchExternalId());
		if (batch != null) {
			return batch;
		}
		java.util.Optional<BatchRef> stored = existing(row.batchExternalId());
		if (stored.isPresent()) {
			batches.put(row.batchExternalId(), stored.get());
			return stored.get();
		}
		batch = new BatchRef(UUID.randomUUID().toString(), row.merchantId(), row.batchName(), importFileId);
		planned.put(row.batchExternalId(), batch);
		return batch;
	}

	/**
	 * A payment's place in its batch, which processInSequence follows: its index in the batch's
	 * JSON array (a minified file has every payment on line 1), else its CSV line.
	 */
	static int seq(ValidPayment row) {
		if (row.jsonPath() != null) {
			Matcher index = TRAILING_INDEX.matcher(row.jsonPath());
			if (index.find()) {
				return Integer.parseInt(index.group(1));
			}
		}
		return Math.toIntExact(row.line());
	}

	private java.util.Optional<BatchRef> existing(String externalId) {
		return jdbc.sql("SELECT id, merchant_id, name, import_file_id FROM payment_batch WHERE external_id = ?")
			.param(externalId)
			.query((rs, n) -> new BatchRef(rs.getString("id"), rs.getString("merchant_id"), rs.getString("name"),
					rs.getLong("import_file_id")))
			.optional();
	}

	private void checkBatch(ValidPayment row, BatchRef batch) {
		if (batch.importFileId() != importFileId) {
			throw reject(row, "batch_external_id",
					"a batch with this external id already exists (external ids are unique across all batches)",
					row.batchExternalId());
		}
		if (!Objects.equals(batch.merchantId(), row.merchantId())) {
			throw reject(row, "merchant_id", "differs from merchant " + batch.merchantId()
					+ " given earlier for batch " + row.batchExternalId(), row.merchantId());
		}
		if (!Objects.equals(batch.name(), row.batchName())) {
			throw reject(row, "batch_name",
					"differs from the name given earlier for batch " + row.batchExternalId(), row.batchName());
		}
	}

	private Long storedLine(String batchId, String referenceId) {
		return jdbc.sql("SELECT source_line FROM payment WHERE batch_id = ? AND reference_id = ?")
			.params(batchId, referenceId)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private static RejectedRowException reject(ValidPayment row, String field, String reason, String value) {
		return new RejectedRowException(row.source(), row.line(), row.jsonPath(), row.batchExternalId(),
				row.referenceId(), new ArrayList<>(List.of(new FieldProblem(field, reason, value))));
	}

}
