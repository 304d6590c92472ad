package com.settlebatch.reconciliation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.executions.FailureReason;
import com.settlebatch.gateway.ChargeListClient;
import com.settlebatch.ops.ScheduleProperties;
import com.settlebatch.settlement.SettlementJobProperties;

/**
 * The reconciliation of a business date: load the gateway's charges (its list API, or its
 * report file) into staging → compare them with the date's payments in SQL. Each run is a
 * new job instance (identifying parameters {@code businessDate} and {@code run}, the
 * launch instant); a failed run is run again, never restarted. Declared in run order, the
 * job last.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationJobConfig {

	static final String JOB_NAME = "reconciliation";

	/**
	 * Not {@code businessDate}: that parameter names a settlement run wherever executions
	 * are listed or restarted.
	 */
	static final String BUSINESS_DATE = "date";

	static final String RUN = "run";

	/** {@link #GATEWAY}, or the path of the report file to read instead. */
	static final String SOURCE = "source";

	static final String GATEWAY = "gateway";

	private static final String DATE_PARAMETER = "#{jobParameters['" + BUSINESS_DATE + "']}";

	private static final String SOURCE_PARAMETER = "#{jobParameters['" + SOURCE + "']}";

	private static final String JOB_EXECUTION_ID = "#{stepExecution.jobExecutionId}";

	// loadCharges

	/**
	 * The gateway's charges created from the start of the business date to the end of the
	 * next day (in the settlement schedule's zone: a run that starts at 23:30 charges
	 * past midnight), or over the span its settlement really ran
	 * ({@link ReconciliationQueries#window}).
	 */
	@Bean
	@StepScope
	ChargeReader chargeReader(ObjectProvider<ChargeListClient> chargeListClient, SettlementJobProperties settlement,
			ReconciliationProperties properties, ScheduleProperties schedule, ReconciliationQueries queries,
			@Value(DATE_PARAMETER) LocalDate date, @Value(SOURCE_PARAMETER) String source) {
		if (!GATEWAY.equals(source)) {
			return new ReportFileReader(Path.of(source));
		}
		ReconciliationQueries.Window window = queries.window(date, schedule.zoneId());
		SettlementJobProperties.Retry retry = settlement.retry();
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(retry.maxRetries())
			.delay(retry.delay())
			.multiplier(retry.multiplier())
			.maxDelay(retry.maxDelay())
			.jitter(retry.jitter())
			.includes(GatewayChargeReader.RetryablePageException.class)
			.build();
		return new GatewayChargeReader(chargeListClient.getObject(), policy, window.from(), window.to(),
				properties.pageSize());
	}

	@Bean
	@StepScope
	StagedChargeWriter chargeWriter(StagedCharges stagedCharges, @Value(JOB_EXECUTION_ID) long executionId) {
		return new StagedChargeWriter(stagedCharges, executionId);
	}

	@Bean
	Step loadChargesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChargeReader chargeReader, StagedChargeWriter chargeWriter, ReconciliationProperties properties) {
		return new StepBuilder("loadCharges", jobRepository).<ListedCharge, StagedCharge>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(chargeReader)
			.processor(new ChargeProcessor())
			.writer(chargeWriter)
			.build();
	}

	// compareCharges

	@Bean
	@StepScope
	CompareTasklet compareTasklet(StagedCharges stagedCharges, ReconciliationResults results, Clock clock,
			@Value(DATE_PARAMETER) LocalDate businessDate, @Value(SOURCE_PARAMETER) String source) {
		return new CompareTasklet(stagedCharges, results, clock, businessDate,
				GATEWAY.equals(source) ? GATEWAY : Path.of(source).getFileName().toString());
	}

	@Bean
	Step compareChargesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CompareTasklet compareTasklet) {
		return new StepBuilder("compareCharges", jobRepository).tasklet(compareTasklet, transactionManager).build();
	}

	// the job

	@Bean
	Job reconciliationJob(JobRepository jobRepository, Step loadChargesStep, Step compareChargesStep) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { BUSINESS_DATE, RUN, SOURCE }, new String[0]))
			.listener(new FailureReason())
			.preventRestart()
			.start(loadChargesStep)
			.next(compareChargesStep)
			.build();
	}

}
