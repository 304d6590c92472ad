package com.settlebatch.retention;

import java.time.Clock;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Origin;
import com.settlebatch.audit.Outcome;
import com.settlebatch.refusal.RefusedException;

/**
 * Runs the retention job as of now: from {@code settle retention run}, and after each
 * nightly settlement when {@code settle.retention.after-settlement} is on.
 */
@Service
public class RetentionRunner {

	private static final Logger log = LoggerFactory.getLogger(RetentionRunner.class);

	private final JobOperator jobOperator;

	private final Job retentionJob;

	private final RetentionProperties properties;

	private final Clock clock;

	private final Audit audit;

	RetentionRunner(JobOperator jobOperator, @Qualifier("retentionJob") Job retentionJob,
			RetentionProperties properties, Clock clock, Audit audit) {
		this.jobOperator = jobOperator;
		this.retentionJob = retentionJob;
		this.properties = properties;
		this.clock = clock;
		this.audit = audit;
	}

	public JobExecution run() {
		return run(LocalDateTime.now(clock));
	}

	/**
	 * Refusals say what the state is in the product's words; anything else (the database
	 * down) is no refusal and goes up as it is.
	 */
	public JobExecution run(LocalDateTime asOf) {
		try {
			return jobOperator.start(retentionJob, RetentionJob.parameters(asOf));
		}
		catch (JobExecutionAlreadyRunningException e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT, "retention as of " + asOf + " is running", e);
		}
		catch (JobInstanceAlreadyCompleteException e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT, "retention as of " + asOf
					+ " already completed; a run as of a later time finds what has aged since", e);
		}
		catch (JobRestartException e) {
			throw new RefusedException(RefusedException.Kind.FAILED,
					"retention as of " + asOf + " cannot be restarted: " + e.getMessage(), e);
		}
		catch (InvalidJobParametersException e) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					"retention as of " + asOf + ": " + e.getMessage(), e);
		}
	}

	/**
	 * After a nightly settlement: a failed retention run never fails the night. The
	 * scheduler's run is in the audit trail as its own action (a command's run is
	 * recorded by the command line).
	 */
	public void afterSettlement() {
		if (!properties.afterSettlement()) {
			return;
		}
		Actor scheduler = Actor.system(Origin.SCHEDULER);
		try {
			JobExecution execution = run();
			log.info("retention after settlement: execution {} -> {}", execution.getId(), execution.getStatus());
			audit.record(scheduler, "retention.run", "execution " + execution.getId(), Outcome.OK,
					"ended " + execution.getStatus());
		}
		catch (RuntimeException e) {
			log.error("retention after settlement failed: {}", e.getMessage(), e);
			recordFailure(scheduler, e);
		}
	}

	private void recordFailure(Actor scheduler, RuntimeException failure) {
		try {
			audit.record(scheduler, "retention.run", null, Outcome.REFUSED, failure.getMessage());
		}
		catch (DataAccessException unreachable) {
			// The database that failed the run holds the trail too: the log has it.
			log.warn("retention after settlement: not recorded in the audit trail: {}", unreachable.getMessage());
		}
	}

}
