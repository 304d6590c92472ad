package com.settlebatch.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.batches.PaymentRepository;
import com.settlebatch.rules.FieldProblem;

/**
 * Rejects payments whose {@code depends_on} names no payment of their batch, forms a
 * cycle, or leads to a rejected payment. Runs once the whole file is in, because a parent
 * may come after its child. Counts: READ = payments checked, WRITE_SKIP = payments
 * rejected. Skipped, with nothing read, when no row given to the import step named a
 * parent ({@link DependsOnRecord}).
 */
class DependencyCheckTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(DependencyCheckTasklet.class);

	/** The exit description of a check skipped because no row names a parent. */
	static final String NOTHING_TO_CHECK = "no row of the import names a parent";

	private record Row(String id, String referenceId, String dependsOn, long line, int seq, String source) {

		boolean before(Row other) {
			return seq < other.seq || seq == other.seq && id.compareTo(other.id) < 0;
		}

	}

	private record BatchRow(String id, String externalId, boolean sequential, long payments, long dependents) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ImportFiles importFiles;

	private final PaymentRepository payments;

	private final String sha256;

	private final JobRepository jobRepository;

	DependencyCheckTasklet(JdbcClient jdbc, Clock clock, ImportFiles importFiles, PaymentRepository payments,
			String sha256, JobRepository jobRepository) {
		this.jobRepository = jobRepository;
		this.payments = payments;
		this.jdbc = jdbc;
		this.clock = clock;
		this.importFiles = importFiles;
		this.sha256 = sha256;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobInstance instance = contribution.getStepExecution().getJobExecution().getJobInstance();
		if (DependsOnRecord.noneGiven(jobRepository, instance, ImportJobConfig.IMPORT_PAYMENTS)) {
			log.info("{}: no dependency to check", NOTHING_TO_CHECK);
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(NOTHING_TO_CHECK));
			return RepeatStatus.FINISHED;
		}
		long fileId = importFiles.idOf(sha256);
		String fileName = jdbc.sql("SELECT file_name FROM import_file WHERE id = ?")
			.param(fileId)
			.query(String.class)
			.single();
		// Per batch its payments and how many depend on another: a batch in which none
		// does has nothing to check, and its payments are only counted, in the database.
		List<BatchRow> batches = jdbc.sql("""
				SELECT b.id, b.external_id, b.process_in_sequence, COUNT(*) AS payments,
				       COUNT(p.depends_on) AS dependents
				FROM payment_batch b JOIN payment p ON p.batch_id = b.id
				WHERE b.import_file_id = ? AND b.status = 'DRAFT'
				GROUP BY b.id, b.external_id, b.process_in_sequence""")
			.param(fileId)
			.query((rs, n) -> new BatchRow(rs.getString("id"), rs.getString("external_id"),
					rs.getBoolean("process_in_sequence"), rs.getLong("payments"), rs.getLong("dependents")))
			.list();
		for (BatchRow batch : batches) {
			if (batch.dependents() == 0) {
				countRead(contribution, batch.payments());
				continue;
			}
			Map<String, Row> byReference = new HashMap<>();
			jdbc.sql("SELECT id, reference_id, depends_on, source_line, seq FROM payment WHERE batch_id = ?")
				.param(batch.id())
				.query((rs, n) -> new Row(rs.getString("id"), rs.getString("reference_id"), rs.getString("depends_on"),
						rs.getLong("source_line"), rs.getInt("seq"), fileName))
				.list()
				.forEach(row -> byReference.put(row.referenceId(), row));
			countRead(contribution, byReference.size());
			// Rejecting a payment orphans its children: repeat until nothing more falls.
			Map<String, Row> rejected = new HashMap<>();
			boolean changed = true;
			while (changed) {
				changed = false;
				for (Row row : List.copyOf(byReference.values())) {
					String reason = problem(row, byReference, rejected, batch.sequential());
					if (reason != null) {
						RejectRecorder.save(jdbc, clock, fileId,
								new RejectedRowException(row.source(), row.line(), null, batch.externalId(),
										row.referenceId(),
										List.of(new FieldProblem("depends_on", reason, row.dependsOn()))));
						payments.removePayment(row.id());
						contribution.incrementWriteSkipCount();
						byReference.remove(row.referenceId());
						rejected.put(row.referenceId(), row);
						changed = true;
					}
				}
			}
		}
		return RepeatStatus.FINISHED;
	}

	private static void countRead(StepContribution contribution, long payments) {
		for (long i = 0; i < payments; i++) {
			contribution.incrementReadCount();
		}
	}

	/**
	 * Walks up the parent chain; each payment has at most one parent, so a repeat means a
	 * cycle.
	 */
	private static String problem(Row row, Map<String, Row> byReference, Map<String, Row> rejected,
			boolean sequential) {
		if (row.dependsOn() != null && rejected.containsKey(row.dependsOn())) {
			return "its parent " + row.dependsOn() + " was rejected";
		}
		Row direct = row.dependsOn() == null ? null : byReference.get(row.dependsOn());
		if (sequential && direct != null && !direct.before(row)) {
			// Sent strictly in order, a payment after its child would wait for it
			// forever.
			return "in a processInSequence batch a payment can only depend on an earlier one; " + row.dependsOn()
					+ " comes later";
		}
		Set<String> path = new LinkedHashSet<>();
		Row current = row;
		while (current.dependsOn() != null) {
			if (!path.add(current.referenceId())) {
				List<String> cycle = new ArrayList<>(path);
				return "forms a cycle: " + String.join(" -> ", cycle) + " -> " + current.referenceId();
			}
			Row parent = byReference.get(current.dependsOn());
			if (parent == null) {
				return current == row ? "names no payment of this batch: " + row.dependsOn()
						: "depends on " + current.referenceId() + ", which names no payment of this batch";
			}
			current = parent;
		}
		return null;
	}

}
