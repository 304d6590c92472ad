package com.settlebatch.settlement;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

/**
 * After a settle pass: when payments became eligible during it (children of parents that
 * just settled, the next payment of a sequential batch), run another pass, so chains of
 * any depth settle in one run. A pass that changed nothing ends the loop, whatever the
 * data says.
 */
class PendingWorkDecider implements JobExecutionDecider {

	static final FlowExecutionStatus MORE = new FlowExecutionStatus("MORE");

	private static final String LAST_PENDING = "settlement.pendingAfterLastPass";

	private static final Logger log = LoggerFactory.getLogger(PendingWorkDecider.class);

	private final SettlementWork work;

	PendingWorkDecider(SettlementWork work) {
		this.work = work;
	}

	@Override
	public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
		LocalDate businessDate = SettlementJob.businessDate(jobExecution.getJobParameters());
		long pending = work.pending(businessDate);
		long previous = jobExecution.getExecutionContext().getLong(LAST_PENDING, Long.MAX_VALUE);
		jobExecution.getExecutionContext().putLong(LAST_PENDING, pending);
		if (pending == 0) {
			return FlowExecutionStatus.COMPLETED;
		}
		// The next pass, built by resolveDependencies just before this decision.
		long eligible = work.current(businessDate).size();
		if (eligible == 0 || pending >= previous) {
			// The import rules should make this impossible; if it happens, their batches
			// stay PROCESSING: say so.
			log.error("{} payment(s) of the claimed batches are still PENDING and none can be sent; their batches "
					+ "stay PROCESSING until a person looks at them", pending);
			return FlowExecutionStatus.COMPLETED;
		}
		return MORE;
	}

}
