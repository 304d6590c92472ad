package com.settlebatch.settlement;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Cuts the date's current pass into the contiguous ord ranges its {@code settlement_pass}
 * row says (sized by payment count when the pass was built). Any cut is safe: a pass
 * holds only payments that may be sent now, so no payment of it waits on another of it (a
 * child joins a later pass once its parent settled; a sequential batch sends one payment
 * per pass).
 *
 * <p>
 * Names carry the pass ({@code pass2.part003}). Spring Batch gives a partition that ran
 * before under the same name its old ExecutionContext, also when it COMPLETED (#5238,
 * 6.0.4): with one name per pass, pass 2 never starts where pass 1 ended, and a restart
 * resumes each partition of the failed pass after its last commit. The gridSize Spring
 * Batch passes is ignored: the cut was fixed with the pass, so a restart finds every
 * partition it must resume.
 *
 * <p>
 * Contexts hold only {@code Long}s: from 6.0.5 the context serializer admits JDK types
 * only.
 */
class SettlementPartitioner implements Partitioner {

	static final String PASS = "pass";

	/** The range is {@code (fromOrd, toOrd]}. */
	static final String FROM_ORD = "fromOrd";

	static final String TO_ORD = "toOrd";

	private final SettlementWork work;

	private final LocalDate businessDate;

	SettlementPartitioner(SettlementWork work, LocalDate businessDate) {
		this.work = work;
		this.businessDate = businessDate;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		SettlementWork.Pass pass = work.current(businessDate);
		int partitions = pass.partitions();
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (int k = 0; k < partitions; k++) {
			ExecutionContext context = new ExecutionContext();
			context.putLong(PASS, pass.number());
			context.putLong(FROM_ORD, pass.size() * k / partitions);
			context.putLong(TO_ORD, pass.size() * (k + 1) / partitions);
			contexts.put(String.format(Locale.ROOT, "pass%d.part%03d", pass.number(), k + 1), context);
		}
		return contexts;
	}

}
