package com.settlebatch.retention;

import java.time.Clock;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

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

	RetentionRunner(JobOperator jobOperator, @Qualifier("retentionJob") Job retentionJob,
			RetentionProperties properties, Clock clock) {
		this.jobOperator = jobOperator;
		this.retentionJob = retentionJob;
		this.properties = properties;
		this.clock = clock;
	}

	public JobExecution run() {
		return run(LocalDateTime.now(clock));
	}

	public JobExecution run(LocalDateTime asOf) {
		try {
			return jobOperator.start(retentionJob, RetentionJob.parameters(asOf));
		}
		catch (Exception e) {
			throw new RefusedException(RefusedException.Kind.CONFLICT,
					"retention as of " + asOf + ": " + e.getMessage(), e);
		}
	}

	/** After a nightly settlement: a failed retention run never fails the night. */
	public void afterSettlement() {
		if (!properties.afterSettlement()) {
			return;
		}
		try {
			JobExecution execution = run();
			log.info("retention after settlement: execution {} -> {}", execution.getId(), execution.getStatus());
		}
		catch (RuntimeException e) {
			log.error("retention after settlement failed: {}", e.getMessage(), e);
		}
	}

}
