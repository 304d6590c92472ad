package com.settlebatch.executions;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The listing says since when a running execution waits for a worker (what
 * {@code settle status}, {@code settle execution}, the API and the dashboard show): while
 * none of its partitions runs and some have not been taken.
 */
class WaitingForWorkerFunctionalTests extends FunctionalTestSupport {

	@Autowired
	ExecutionQueries executions;

	@Test
	void givenARunningPassWhosePartitionsNobodyTookThenItIsListedAsWaitingSinceTheyWereSent() throws Exception {
		// given a running settlement whose two partitions were sent and never taken
		long id = runningExecution();
		List<StepExecution> partitions = sent(id, "pass1.part001", "pass1.part002");

		// when / then: listed as waiting, since the first was sent
		ExecutionQueries.ExecutionRow row = executions.recent("settlement", 1).get(0);
		assertThat(row.waitingForWorkerSince()).isNotNull()
			.isCloseTo(ExecutionQueries.instant(partitions.get(0).getCreateTime()), within(1, ChronoUnit.MILLIS));
		assertThat(executions.waitingForWorkerSince(id)).contains(row.waitingForWorkerSince());

		// and once a worker runs one of them, it no longer waits
		partitions.get(1).setStatus(BatchStatus.STARTED);
		partitions.get(1).setStartTime(LocalDateTime.now());
		jobRepository.update(partitions.get(1));
		assertThat(executions.recent("settlement", 1).get(0).waitingForWorkerSince()).isNull();
		assertThat(executions.waitingForWorkerSince(id)).isEmpty();
	}

	@Test
	void givenARunWithoutPartitionsThenItIsNeverListedAsWaiting() throws Exception {
		long id = runningExecution();
		StepExecution claim = jobRepository.createStepExecution("claimBatches", jobRepository.getJobExecution(id));
		claim.setStatus(BatchStatus.STARTING);
		jobRepository.update(claim);

		assertThat(executions.recent("settlement", 1).get(0).waitingForWorkerSince()).isNull();
	}

	private long runningExecution() throws Exception {
		JobParameters parameters = new JobParametersBuilder().addString("businessDate", "2026-11-21").toJobParameters();
		JobExecution execution = jobRepository.createJobExecution(
				jobRepository.createJobInstance("settlement", parameters), parameters, new ExecutionContext());
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now());
		jobRepository.update(execution);
		return execution.getId();
	}

	/**
	 * Partitions sent and never taken (STARTING). A list: {@code @SpringBatchTest} takes
	 * a method (or lambda) returning one StepExecution for the step scope's factory.
	 */
	private List<StepExecution> sent(long id, String... names) {
		List<StepExecution> partitions = new ArrayList<>();
		for (String name : names) {
			StepExecution partition = jobRepository.createStepExecution("settlePaymentsWorker:" + name,
					jobRepository.getJobExecution(id));
			partition.setStatus(BatchStatus.STARTING);
			jobRepository.update(partition);
			partitions.add(partition);
		}
		return partitions;
	}

}
