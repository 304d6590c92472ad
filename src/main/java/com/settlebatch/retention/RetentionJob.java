package com.settlebatch.retention;

import java.time.LocalDateTime;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** The retention job's name and parameters, for whoever launches it. */
public final class RetentionJob {

	public static final String NAME = "retention";

	/** The instant every cutoff of the run is measured from: its identity. */
	public static final String AS_OF = "asOf";

	private RetentionJob() {
	}

	public static JobParameters parameters(LocalDateTime asOf) {
		return new JobParametersBuilder().addLocalDateTime(AS_OF, asOf).toJobParameters();
	}

}
