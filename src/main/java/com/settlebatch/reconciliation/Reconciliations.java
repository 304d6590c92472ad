package com.settlebatch.reconciliation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.ingest.InputFolder;
import com.settlebatch.ops.JobControl;
import com.settlebatch.refusal.RefusedException;
import com.settlebatch.retention.ArchivedDates;

/**
 * What every entry point (command line, API, dashboard, scheduler, {@code settle run})
 * asks of reconciliation: run it for a date, read a date's answer, resolve an exception.
 */
@Service
public class Reconciliations {

	/** Beside the drop folder's own files: {@code <input>/gateway-reports}. */
	public static final String REPORTS_FOLDER = "gateway-reports";

	private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);

	private final JobControl jobControl;

	private final Job reconciliationJob;

	private final ReconciliationQueries queries;

	private final ReconciliationResults results;

	private final ReconciliationProperties properties;

	private final InputFolder inputFolder;

	private final Clock clock;

	private final Audit audit;

	private final ArchivedDates archivedDates;

	private final AtomicReference<Instant> lastRun = new AtomicReference<>(Instant.EPOCH);

	Reconciliations(JobControl jobControl, @Qualifier("reconciliationJob") Job reconciliationJob,
			ReconciliationQueries queries, ReconciliationResults results, ReconciliationProperties properties,
			InputFolder inputFolder, Clock clock, Audit audit, ArchivedDates archivedDates) {
		this.jobControl = jobControl;
		this.reconciliationJob = reconciliationJob;
		this.queries = queries;
		this.results = results;
		this.properties = properties;
		this.inputFolder = inputFolder;
		this.clock = clock;
		this.audit = audit;
		this.archivedDates = archivedDates;
	}

	/**
	 * Reconciles the date from its report file when the gateway delivered one
	 * ({@code gateway-reports/<date>.csv}), otherwise from the gateway's list of charges.
	 */
	public Outcome reconcile(LocalDate businessDate) {
		Path report = reportsFolder().resolve(businessDate + ".csv");
		return reconcile(businessDate, Files.isRegularFile(report) ? report : null);
	}

	/**
	 * A new job execution for the date, whatever ran before: the latest is the answer.
	 * One at a time per date, across processes and nodes.
	 * @param report the gateway's report file to read, or null to ask the gateway
	 */
	public Outcome reconcile(LocalDate businessDate, Path report) {
		if (report != null && !Files.isRegularFile(report)) {
			throw new RefusedException(RefusedException.Kind.NOT_FOUND, "no gateway report file " + report);
		}
		if (archivedDates.contains(businessDate)) {
			// Its payments and results are in the archive: a new run would find every
			// charge unknown and leave rows that nothing removes.
			throw new RefusedException(RefusedException.Kind.CONFLICT, "business date " + businessDate
					+ " is archived: its payments and its reconciliation are in the archive (settle archive show "
					+ businessDate + ")");
		}
		JobExecution execution = jobControl.startAlone(leaseKey(businessDate), "reconciliation " + businessDate,
				reconciliationJob,
				new JobParametersBuilder().addLocalDate(ReconciliationJobConfig.BUSINESS_DATE, businessDate)
					.addString(ReconciliationJobConfig.RUN, nextRun().toString())
					.addString(ReconciliationJobConfig.SOURCE,
							report == null ? ReconciliationJobConfig.GATEWAY : report.toAbsolutePath().toString())
					.toJobParameters());
		return new Outcome(execution, execution.getStatus() == BatchStatus.COMPLETED
				? queries.summary(execution.getId()).orElse(null) : null);
	}

	/**
	 * The lease that keeps two processes from reconciling one date at once: both runs
	 * would be stored, and which is the answer would depend on which finished last.
	 */
	static String leaseKey(LocalDate businessDate) {
		return "reconciliation:" + businessDate;
	}

	/**
	 * Reconciles a date whose settlement just completed, when configured to; never fails
	 * the settlement (a failed reconciliation is logged and can be run again).
	 * @return the reconciliation, or empty when none ran
	 */
	public Optional<Outcome> afterSettlement(JobExecution settlement, LocalDate businessDate) {
		if (!properties.afterSettlement() || settlement == null || settlement.getStatus() != BatchStatus.COMPLETED) {
			return Optional.empty();
		}
		try {
			return Optional.of(reconcile(businessDate));
		}
		catch (RuntimeException e) {
			log.warn("reconciliation {} after its settlement did not run: {}", businessDate, e.getMessage(), e);
			return Optional.empty();
		}
	}

	/** The date's answer: its latest finished run. */
	public Optional<ReconciliationSummary> latest(LocalDate businessDate) {
		return queries.latest(businessDate);
	}

	/** Each of the most recent dates' latest run, newest first, without exceptions. */
	public List<ReconciliationSummary> recent(int limit) {
		return queries.recent(limit);
	}

	/** The open exceptions of each date's latest run. */
	public List<ExceptionEntry> openExceptions(int limit) {
		return queries.open(limit);
	}

	/**
	 * A person's answer to an exception, with who they are; it stays visible, resolved.
	 * The one way to resolve, whichever entry point asks.
	 */
	@Transactional
	public void resolve(long id, String remark, Actor who) {
		results.resolve(id, remark, who.name(), clock.instant());
		audit.record(who, "reconciliation.resolve", "reconciliation exception " + id, com.settlebatch.audit.Outcome.OK,
				remark.strip());
		log.info("reconciliation exception {} resolved by {}", id, who.name());
	}

	public Optional<ExceptionEntry> exception(long id) {
		return queries.exception(id);
	}

	public Path reportsFolder() {
		return inputFolder.dir().resolve(REPORTS_FOLDER);
	}

	/** Unique in this process, so two runs launched at once are two instances. */
	private Instant nextRun() {
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		return lastRun.accumulateAndGet(now,
				(last, candidate) -> candidate.isAfter(last) ? candidate : last.plus(1, ChronoUnit.MICROS));
	}

	/**
	 * A finished run.
	 *
	 * @param summary its answer; null when the job did not complete
	 */
	public record Outcome(JobExecution execution, ReconciliationSummary summary) {
	}

}
