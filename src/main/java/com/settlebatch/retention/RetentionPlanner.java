package com.settlebatch.retention;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.settlebatch.settlement.SettlementJob;

/**
 * What a retention run as of an instant may archive and remove: business dates old enough
 * whose batches are all CLOSED or CANCELLED, whose settlement is not unfinished, and that
 * no {@link RetentionHold} keeps; job instances that ended long enough ago. The job and
 * {@code --dry-run} ask the same questions.
 */
@Service
public class RetentionPlanner {

	/** What a run would do, as {@code --dry-run} tells it. */
	public record Plan(LocalDateTime asOf, List<DatePlan> archive, long archivedToRemove, long jobInstances,
			long jobExecutions, long workRows, long throttleSlots, long ownedRows) {
	}

	/** A date to archive and remove, with its rows. */
	public record DatePlan(LocalDate businessDate, long batches, long payments) {
	}

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final RetentionProperties properties;

	private final ObjectProvider<RetentionHold> holds;

	private final ArchivedDates archivedDates;

	private final ObjectProvider<RetentionPurge> purges;

	RetentionPlanner(JdbcClient jdbc, JobRepository jobRepository, RetentionProperties properties,
			ObjectProvider<RetentionHold> holds, ArchivedDates archivedDates, ObjectProvider<RetentionPurge> purges) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.holds = holds;
		this.archivedDates = archivedDates;
		this.purges = purges;
	}

	public Plan plan(LocalDateTime asOf) {
		List<DatePlan> dates = dueDates(asOf).stream()
			.map(date -> new DatePlan(date, count(ArchivedTable.PAYMENT_BATCH, date),
					count(ArchivedTable.PAYMENT, date)))
			.toList();
		List<Long> instances = MetadataPruner.prunable(jdbc, metadataCutoff(asOf), 0, Integer.MAX_VALUE);
		instances.removeAll(heldInstances(instances));
		long executions = instances.isEmpty() ? 0
				: jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID IN (:ids)")
					.param("ids", instances)
					.query(Long.class)
					.single();
		return new Plan(asOf, dates, archivedDates.toRemove(), instances.size(), executions,
				WorkTablePruner.workRows(jdbc), WorkTablePruner.oldSlots(jdbc, asOf),
				purges.orderedStream().mapToLong(purge -> purge.purgeable(asOf)).sum());
	}

	/** The dates to archive, oldest first. */
	List<LocalDate> dueDates(LocalDateTime asOf) {
		List<LocalDate> candidates = jdbc.sql("""
				SELECT DISTINCT b.business_date FROM payment_batch b
				WHERE b.status = 'CLOSED' AND b.business_date < :cutoff
				  AND NOT EXISTS (SELECT 1 FROM archived_date a WHERE a.business_date = b.business_date)
				  AND NOT EXISTS (SELECT 1 FROM payment_batch o
				                  WHERE o.status IN ('DRAFT', 'SUBMITTED', 'PROCESSING')
				                    AND o.business_date = b.business_date)
				ORDER BY b.business_date""")
			.param("cutoff", asOf.toLocalDate().minusDays(properties.archiveAfter().toDays()))
			.query(LocalDate.class)
			.list();
		Set<LocalDate> held = new HashSet<>();
		holds.orderedStream().forEach(hold -> held.addAll(hold.heldDates(candidates)));
		return candidates.stream().filter(date -> !held.contains(date) && !settlementUnfinished(date)).toList();
	}

	/** A run of the date that failed or still runs may still need its rows. */
	private boolean settlementUnfinished(LocalDate date) {
		JobExecution last = jobRepository.getLastJobExecution(SettlementJob.NAME, SettlementJob.parameters(date));
		return last != null && last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED;
	}

	Set<Long> heldInstances(Collection<Long> candidates) {
		Set<Long> held = new HashSet<>();
		holds.orderedStream().forEach(hold -> held.addAll(hold.heldJobInstances(candidates)));
		return held;
	}

	LocalDateTime metadataCutoff(LocalDateTime asOf) {
		return asOf.minus(properties.batchMetadata());
	}

	private long count(ArchivedTable table, LocalDate date) {
		return jdbc.sql(table.count()).param("date", date).query(Long.class).single();
	}

}
