package com.settlebatch.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.settlebatch.batches.BatchRepository;
import com.settlebatch.batches.NewBatch;
import com.settlebatch.batches.StoredBatch;
import com.settlebatch.batches.NewPayment;
import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.batches.PaymentRepository.PaymentKey;
import com.settlebatch.rules.FieldProblem;

/**
 * Stores valid rows as payments of DRAFT batches owned by this import. Rules that need
 * more than one row (the batch's merchant and name agree across rows, a reference id is
 * unique in its batch, an external id is not already another import's) are checked here;
 * a breach throws {@link RejectedRowException} before anything is written, so that Spring
 * Batch scans the chunk row by row and skips exactly the offending rows.
 *
 * <p>
 * Set-wise, whatever the file's size: per chunk one query for the batches it names that
 * this writer has not met yet, one insert of its new batches and one COPY (or batch) of
 * its payments. A reference id stored by an earlier chunk is left to the unique key
 * {@code payment_reference_uk} on that path: the chunk's insert fails, the chunk rolls
 * back and Spring Batch writes its rows again one by one, and a single row is first
 * looked up among the stored payments, so the duplicate is rejected with the line of the
 * first. The batches met last are remembered (eight chunks' worth); the reference ids are
 * not, so memory stays flat however many rows and batches the file holds.
 *
 * <p>
 * Whether any row it was given names a parent ({@code depends_on}) is kept in the step's
 * execution context, which each chunk commits with its rows, so that the dependency check
 * can skip a file in which none does (see {@link DependsOnRecord}).
 */
class ImportWriter implements ItemWriter<ValidPayment>, ItemStream {

	private static final Pattern TRAILING_INDEX = Pattern.compile("\\[(\\d+)\\]$");

	private final BatchRepository repository;

	private final PaymentRepository paymentRepository;

	private final long importFileId;

	/**
	 * Batches by external id, as committed: this import's and (for the rule) other
	 * imports'. Only the most recently met, so that a file of a hundred thousand small
	 * batches holds the memory of one with a few: a batch met again once forgotten is
	 * looked up again with the next chunk's unknown ids.
	 */
	private final Map<String, StoredBatch> known;

	/**
	 * Whether a row given to this writer, by this execution of the step or (restored) an
	 * earlier one, names a parent. Set before the chunk is stored and never cleared, so a
	 * chunk that then rolls back leaves it set: the dependency check then runs for
	 * nothing, which costs time and nothing else.
	 */
	private boolean dependsOnGiven;

	/**
	 * @param batchesRemembered how many batches to keep in memory; at least two chunks'
	 * worth, since a chunk names at most a chunk's rows of batches, and the ones it
	 * looked up or inserted must stay until it is written
	 */
	ImportWriter(BatchRepository repository, PaymentRepository paymentRepository, long importFileId,
			int batchesRemembered) {
		this.repository = repository;
		this.paymentRepository = paymentRepository;
		this.importFileId = importFileId;
		this.known = new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, StoredBatch> eldest) {
				return size() > batchesRemembered;
			}
		};
	}

	@Override
	public void write(Chunk<? extends ValidPayment> chunk) {
		List<? extends ValidPayment> rows = chunk.getItems();
		if (rows.isEmpty()) {
			// Spring Batch hands over an empty chunk once a scan has skipped every row.
			return;
		}
		repository.commitWithoutWaitingForTheDisk();
		noteDependsOn(rows);
		lookUpBatches(rows);
		// New batches, as their first row in this chunk gives them.
		Map<String, NewBatch> planned = new LinkedHashMap<>();
		Map<String, ValidPayment> seen = new HashMap<>();
		for (ValidPayment row : rows) {
			StoredBatch stored = known.get(row.batchExternalId());
			if (stored != null) {
				checkBatch(row, stored.importFileId(), stored.merchantId(), stored.name());
			}
			else {
				NewBatch plan = planned.computeIfAbsent(row.batchExternalId(), ext -> new NewBatch(ext, row.batchName(),
						row.merchantId(), row.processInSequence(), importFileId));
				checkBatch(row, importFileId, plan.merchantId(), plan.name());
			}
			ValidPayment first = seen.putIfAbsent(row.batchExternalId() + '\u0000' + row.referenceId(), row);
			if (first != null) {
				throw duplicate(row, first.line());
			}
		}
		if (rows.size() == 1) {
			rejectStoredDuplicates(rows);
		}
		List<NewBatch> newBatches = List.copyOf(planned.values());
		List<String> newIds = repository.insertDrafts(newBatches);
		Map<String, StoredBatch> inserted = new HashMap<>();
		for (int i = 0; i < newBatches.size(); i++) {
			NewBatch plan = newBatches.get(i);
			inserted.put(plan.externalId(),
					new StoredBatch(newIds.get(i), plan.merchantId(), plan.name(), importFileId));
		}
		List<NewPayment> payments = new ArrayList<>(rows.size());
		for (ValidPayment row : rows) {
			StoredBatch batch = known.containsKey(row.batchExternalId()) ? known.get(row.batchExternalId())
					: inserted.get(row.batchExternalId());
			payments.add(new NewPayment(batch.id(), seq(row), row.referenceId(), row.type().code(), row.amount(),
					row.currency().getCurrencyCode(), row.accountId(), row.dependsOn(), row.customData(), row.line()));
		}
		addPayments(payments, rows.get(0));
		rememberOnCommit(inserted);
	}

	@Override
	public void open(ExecutionContext context) {
		dependsOnGiven = DependsOnRecord.given(context);
		DependsOnRecord.record(context, dependsOnGiven);
	}

	@Override
	public void update(ExecutionContext context) {
		DependsOnRecord.record(context, dependsOnGiven);
	}

	private void noteDependsOn(List<? extends ValidPayment> rows) {
		for (int i = 0; i < rows.size() && !dependsOnGiven; i++) {
			dependsOnGiven = rows.get(i).dependsOn() != null;
		}
	}

	/**
	 * A reference id already stored in its batch makes the chunk a skippable failure, so
	 * that Spring Batch rolls it back and writes it again row by row (see the class).
	 */
	private void addPayments(List<NewPayment> payments, ValidPayment first) {
		try {
			paymentRepository.addPayments(payments);
		}
		catch (DuplicateKeyException duplicate) {
			String message = String.valueOf(duplicate.getMessage()).toLowerCase(Locale.ROOT);
			if (payments.size() == 1 || !message.contains("payment_reference_uk")) {
				throw duplicate;
			}
			throw new StoredDuplicateInChunkException(first);
		}
	}

	/**
	 * One query for the external ids this writer has not met yet (a restart meets its own
	 * earlier batches here).
	 */
	private void lookUpBatches(List<? extends ValidPayment> rows) {
		Set<String> unknown = new HashSet<>();
		for (ValidPayment row : rows) {
			if (!known.containsKey(row.batchExternalId())) {
				unknown.add(row.batchExternalId());
			}
		}
		known.putAll(repository.findByExternalIds(unknown));
	}

	/**
	 * A reference id stored by an earlier chunk of this import, found by probing exactly
	 * the chunk's (batch, reference id) pairs in one query.
	 */
	private void rejectStoredDuplicates(List<? extends ValidPayment> rows) {
		List<PaymentKey> keys = new ArrayList<>(rows.size());
		for (ValidPayment row : rows) {
			StoredBatch batch = known.get(row.batchExternalId());
			if (batch != null) {
				keys.add(new PaymentKey(batch.id(), row.referenceId()));
			}
		}
		Map<PaymentKey, Long> stored = paymentRepository.storedReferences(keys);
		for (ValidPayment row : rows) {
			StoredBatch batch = known.get(row.batchExternalId());
			Long line = batch == null ? null : stored.get(new PaymentKey(batch.id(), row.referenceId()));
			if (line != null) {
				throw duplicate(row, line);
			}
		}
	}

	/**
	 * New batches are remembered once their chunk commits: a chunk that rolls back (and
	 * is then scanned row by row) must insert them again.
	 */
	private void rememberOnCommit(Map<String, StoredBatch> inserted) {
		if (inserted.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			known.putAll(inserted);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				known.putAll(inserted);
			}
		});
	}

	/**
	 * A payment's place in its batch, which processInSequence follows: its index in the
	 * batch's JSON array (a minified file has every payment on line 1), else its CSV
	 * line.
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

	/**
	 * The batch's rules for a row: owned by this import, and the merchant and name given
	 * first.
	 */
	private void checkBatch(ValidPayment row, Long batchImportFileId, String merchantId, String name) {
		if (!Objects.equals(batchImportFileId, importFileId)) {
			throw reject(row, "batch_external_id",
					"a batch with this external id already exists (external ids are unique across all batches)",
					row.batchExternalId());
		}
		if (!Objects.equals(merchantId, row.merchantId())) {
			throw reject(row, "merchant_id",
					"differs from merchant " + merchantId + " given earlier for batch " + row.batchExternalId(),
					row.merchantId());
		}
		if (!Objects.equals(name, row.batchName())) {
			throw reject(row, "batch_name", "differs from the name given earlier for batch " + row.batchExternalId(),
					row.batchName());
		}
	}

	private static RejectedRowException duplicate(ValidPayment row, long firstLine) {
		return reject(row, "reference_id",
				"duplicate reference_id in batch " + row.batchExternalId() + " (first at line " + firstLine + ")",
				row.referenceId());
	}

	private static RejectedRowException reject(ValidPayment row, String field, String reason, String value) {
		return new RejectedRowException(row.source(), row.line(), row.jsonPath(), row.batchExternalId(),
				row.referenceId(), new ArrayList<>(List.of(new FieldProblem(field, reason, value))));
	}

}
