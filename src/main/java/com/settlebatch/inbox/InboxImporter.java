package com.settlebatch.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.settlebatch.cluster.JobLeases;
import com.settlebatch.ops.JobControl;
import com.settlebatch.refusal.RefusedException;

/**
 * Imports what upstream systems put in the {@code payment_inbox} table since the last
 * run.
 */
@Service
public class InboxImporter {

	private static final Logger log = LoggerFactory.getLogger(InboxImporter.class);

	private static final int MAX_LAUNCH_ATTEMPTS = 5;

	private final JdbcClient jdbc;

	private final JobControl jobControl;

	private final Job inboxImportJob;

	private final Clock clock;

	private final AtomicReference<Instant> lastRun = new AtomicReference<>(Instant.EPOCH);

	private final JobRepository jobRepository;

	private final JobLeases leases;

	InboxImporter(JdbcClient jdbc, JobControl jobControl, @Qualifier("inboxImportJob") Job inboxImportJob, Clock clock,
			JobRepository jobRepository, JobLeases leases) {
		this.jdbc = jdbc;
		this.jobControl = jobControl;
		this.inboxImportJob = inboxImportJob;
		this.clock = clock;
		this.jobRepository = jobRepository;
		this.leases = leases;
	}

	/**
	 * Runs the inbox import on every NEW row, now, in this thread; safe to call from
	 * several threads or nodes at once (each row is imported by exactly one run). First
	 * restarts any failed or stopped run whose rows are still TAKEN, so that no row waits
	 * for a person.
	 * @return the finished execution, or null when there was nothing to do
	 */
	public JobExecution drain() {
		JobExecution resumed = resumeUnfinished();
		JobExecution fresh = drainNew();
		return fresh != null ? fresh : resumed;
	}

	private JobExecution resumeUnfinished() {
		JobExecution last = null;
		for (Long claimedBy : jdbc.sql("SELECT DISTINCT job_execution_id FROM payment_inbox WHERE status = 'TAKEN'")
			.query(Long.class)
			.list()) {
			JobExecution latest = jobRepository.getLastJobExecution(jobControl.execution(claimedBy).getJobInstance());
			if (latest == null
					|| latest.getStatus() != BatchStatus.FAILED && latest.getStatus() != BatchStatus.STOPPED) {
				continue;
			}
			// Two drains at once must not both restart it (Spring Batch 6 does not guard
			// that).
			try (JobLeases.Held lease = leases.hold(InboxJobConfig.JOB_NAME + ":" + latest.getJobInstanceId(),
					Duration.ofMinutes(5))) {
				if (lease == null) {
					continue;
				}
				log.info("inbox import: restarting failed run {} whose rows are still taken", latest.getId());
				last = jobControl.restart(latest.getId());
			}
		}
		return last;
	}

	private JobExecution drainNew() {
		if (!Boolean.TRUE.equals(jdbc.sql("SELECT EXISTS (SELECT 1 FROM payment_inbox WHERE status = 'NEW')")
			.query(Boolean.class)
			.single())) {
			return null;
		}
		JobExecution execution = launch();
		Map<String, Long> rows = jdbc
			.sql("SELECT status, COUNT(*) AS n FROM payment_inbox WHERE " + InboxClaim.TAKEN_BY_THIS_RUN
					+ " GROUP BY status")
			.param("execution", execution.getId())
			.query((rs, n) -> Map.entry(rs.getString("status"), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		log.info("inbox import {} (job execution {}): {} row(s) imported, {} rejected, {} still taken",
				execution.getStatus(), execution.getId(), rows.getOrDefault("IMPORTED", 0L),
				rows.getOrDefault("REJECTED", 0L), rows.getOrDefault("TAKEN", 0L));
		return execution;
	}

	/**
	 * Spring Batch creates a job instance in a SERIALIZABLE transaction: on PostgreSQL,
	 * two runs launched at the same moment (two nodes, or the poller and a command) can
	 * conflict before either has taken a row. The one refused launches again; it then
	 * takes what is still NEW.
	 */
	private JobExecution launch() {
		for (int attempt = 1;; attempt++) {
			try {
				return jobControl.start(inboxImportJob,
						new JobParametersBuilder().addString(InboxJobConfig.RUN, nextRun().toString())
							.toJobParameters());
			}
			catch (RefusedException refused) {
				if (attempt == MAX_LAUNCH_ATTEMPTS || !(refused.getCause() instanceof ConcurrencyFailureException)) {
					throw refused;
				}
				log.debug("inbox import launch conflicted with another launch; launching again", refused);
				try {
					Thread.sleep(20L * attempt);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw refused;
				}
			}
		}
	}

	/**
	 * The launch instant, made unique in this process: each run is a new job instance,
	 * and two runs started in the same microsecond would otherwise be taken for one.
	 */
	private Instant nextRun() {
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		return lastRun.accumulateAndGet(now,
				(last, candidate) -> candidate.isAfter(last) ? candidate : last.plus(1, ChronoUnit.MICROS));
	}

}
