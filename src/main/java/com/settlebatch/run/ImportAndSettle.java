package com.settlebatch.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;

import com.settlebatch.batches.BatchQueries;
import com.settlebatch.batches.BatchSummary;
import com.settlebatch.batches.PaymentStatus;
import com.settlebatch.batches.PaymentView;
import com.settlebatch.drop.ReadyFiles;
import com.settlebatch.inbox.InboxImporter;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ingest.InputFolder;
import com.settlebatch.ops.JobControl;
import com.settlebatch.reconciliation.Reconciliations;
import com.settlebatch.refusal.RefusedException;

/**
 * The main use case ({@code settle run}): import every file waiting in the input folder,
 * drain the inbox table, settle the business date, and report the batches that closed
 * meanwhile.
 */
@Service
public class ImportAndSettle {

	private final InputFolder inputFolder;

	private final ReadyFiles readyFiles;

	private final FileImporter fileImporter;

	private final InboxImporter inboxImporter;

	private final JobControl jobControl;

	private final BatchQueries batchQueries;

	private final Reconciliations reconciliations;

	ImportAndSettle(InputFolder inputFolder, ReadyFiles readyFiles, FileImporter fileImporter,
			InboxImporter inboxImporter, JobControl jobControl, BatchQueries batchQueries,
			Reconciliations reconciliations) {
		this.inputFolder = inputFolder;
		this.readyFiles = readyFiles;
		this.fileImporter = fileImporter;
		this.inboxImporter = inboxImporter;
		this.jobControl = jobControl;
		this.batchQueries = batchQueries;
		this.reconciliations = reconciliations;
	}

	/**
	 * A refused file does not stop the run: the next files, the inbox and the settlement
	 * still run. Anything else that stops it (the settlement refused, a database gone) is
	 * thrown as {@link Stopped}, with what was done before it: those imports are
	 * committed and stay told.
	 */
	public Result run(LocalDate businessDate) {
		OffsetDateTime started = OffsetDateTime.now();
		List<FileImport> files = new ArrayList<>();
		JobExecution inbox = null;
		try {
			for (Path file : inputFolder.waiting()) {
				files.add(importFile(file));
			}
			inbox = inboxImporter.drain();
			JobExecution settlement = jobControl.settle(businessDate);
			List<BatchSummary> closed = batchQueries.closedSince(started);
			Reconciliations.Outcome reconciliation = reconciliations.afterSettlement(settlement, businessDate)
				.orElse(null);
			return new Result(files, inbox, settlement, closed, needingAttention(closed), reconciliation);
		}
		catch (RuntimeException stopped) {
			throw new Stopped(new Result(files, inbox, null, List.of(), List.of(), null), stopped);
		}
	}

	private List<Attention> needingAttention(List<BatchSummary> batches) {
		return batches.stream()
			.flatMap(batch -> batchQueries.payments(batch.id(), null)
				.stream()
				.filter(payment -> payment.status() != PaymentStatus.SETTLED || payment.attempts() > 1)
				.map(payment -> new Attention(batch, payment)))
			.toList();
	}

	private FileImport importFile(Path file) {
		String name = file.getFileName().toString();
		Optional<String> notReady = readyFiles.whyWaiting(file);
		if (notReady.isPresent()) {
			return new FileImport(name, FileImport.WAITING, notReady.get(), null);
		}
		try {
			JobExecution execution = fileImporter.importFile(file);
			readyFiles.imported(file);
			return new FileImport(name, execution.getStatus().name(), null, execution);
		}
		catch (RefusedException refused) {
			return new FileImport(name, FileImport.REFUSED, refused.getMessage(), null);
		}
	}

	/**
	 * What a run did, in order.
	 *
	 * @param files each file of the input folder, as it was met
	 * @param inbox the inbox import, or null when the inbox had no NEW row
	 * @param settlement the settlement; null only in the result of a {@link Stopped} run
	 * @param closed the batches closed since the run started
	 * @param attention the payments of those batches that did not settle, or settled only
	 * after retries: what a person should look at
	 * @param reconciliation the date reconciled after its settlement completed
	 * ({@code settle.reconciliation.after-settlement}); null when none ran
	 */
	public record Result(List<FileImport> files, JobExecution inbox, JobExecution settlement, List<BatchSummary> closed,
			List<Attention> attention, Reconciliations.Outcome reconciliation) {

		/** Every job execution the run launched, in order. */
		public List<JobExecution> executions() {
			return Stream.concat(files.stream().map(FileImport::execution), Stream.of(inbox, settlement))
				.filter(execution -> execution != null)
				.toList();
		}

	}

	/**
	 * One file of the input folder.
	 *
	 * @param status {@link #WAITING}, {@link #REFUSED}, or its import's batch status
	 * @param reason why it waits or was refused; null when imported
	 * @param execution its import; null when it waits or was refused
	 */
	public record FileImport(String file, String status, String reason, JobExecution execution) {

		/**
		 * Not complete yet (no done marker, modified too recently): left for a later run.
		 */
		public static final String WAITING = "WAITING";

		/**
		 * Not importable (already imported, unreadable, not CSV/JSON), said in the
		 * reason.
		 */
		public static final String REFUSED = "REFUSED";

	}

	/** A payment of a closed batch that a person should look at. */
	public record Attention(BatchSummary batch, PaymentView payment) {
	}

	/** A run that stopped before its end: its cause, and what it did until then. */
	public static class Stopped extends RuntimeException {

		private final transient Result done;

		Stopped(Result done, RuntimeException cause) {
			super(cause.getMessage(), cause);
			this.done = done;
		}

		public Result done() {
			return done;
		}

		@Override
		public synchronized RuntimeException getCause() {
			return (RuntimeException) super.getCause();
		}

	}

}
