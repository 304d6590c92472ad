package com.settlebatch.settlement;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The settlement job's name and its one identifying parameter, in one place for its
 * configuration and for everything that launches, restarts or looks it up (command line,
 * API, scheduler, file drop): launching ({@code ops}) depends on the job's definition,
 * never the other way round.
 */
public final class SettlementJob {

	public static final String NAME = "settlement";

	/** The date whose SUBMITTED batches a run settles; one run per date. */
	public static final String BUSINESS_DATE = "businessDate";

	private SettlementJob() {
	}

	public static JobParameters parameters(LocalDate businessDate) {
		return new JobParametersBuilder().addLocalDate(BUSINESS_DATE, businessDate).toJobParameters();
	}

	/** Null for another job's parameters. */
	public static LocalDate businessDate(JobParameters parameters) {
		return parameters.getLocalDate(BUSINESS_DATE);
	}

}
