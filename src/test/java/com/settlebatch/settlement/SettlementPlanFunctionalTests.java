package com.settlebatch.settlement;

import java.time.LocalDate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.batches.BatchRepository;
import com.settlebatch.ingest.FileImporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settlement's per-night queries probe tonight's rows by key, whatever the planner
 * knows about the table: a page of the pass, one primary-key probe per payment (a merge
 * join along the primary key read every older payment retention keeps, 90 days of them,
 * for each page), and the closable batches, one (PENDING, batch) probe per batch (an
 * anti-join walked every PENDING entry, dead versions too, for each batch), and a new
 * pass, one such probe per claimed batch (a loop over the PENDING payments scanned the
 * claimed batches for each). bench/year.sh STATS=1 shows the buffers of all three on a
 * database of 91 nights.
 */
class SettlementPlanFunctionalTests extends FunctionalTestSupport {

	@Autowired
	BatchRepository repository;

	@Autowired
	FileImporter importer;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aPageOfThePassProbesEachOfItsPaymentsByPrimaryKey() {
		// given stored payments, analyzed once every one of them settled
		importSettledPayments();

		// when the page query is planned by a PostgreSQL that would rather not loop
		// (a small table's plan is a loop anyway; a large one's was a merge join)
		String page = PendingPaymentReader.pageSql(repository.isPostgres())
			.replace(":businessDate", "?")
			.replace(":pass", "1")
			.replace(":after", "0")
			.replace(":upTo", "100");
		String plan = new TransactionTemplate(transactionManager).execute(status -> {
			if (repository.isPostgres()) {
				jdbc.sql("SET LOCAL enable_nestloop = off").update();
			}
			return explain(page);
		});

		// then each row of the range looks its payment up by primary key
		if (repository.isPostgres()) {
			assertThat(plan).contains("Nested Loop")
				.contains("payment_pkey")
				.doesNotContain("Merge")
				.doesNotContain("Hash");
		}
		else {
			assertThat(plan).contains("PRIMARY_KEY").contains("ID = W.PAYMENT_ID");
		}
	}

	@Test
	void theClosableBatchesAreFoundByOneProbePerBatchOfItsPendingPayments() {
		// given stored payments, analyzed once every one of them settled
		importSettledPayments();

		// when the closable batches' query is planned
		String plan = explain(ClosableBatches.SQL);

		// then whether a batch has a PENDING payment is asked of the index by batch
		if (repository.isPostgres()) {
			assertThat(plan).contains("SubPlan")
				.containsPattern(
						"Index Cond: \\(\\(status = 'PENDING'::text\\) AND \\(batch_id = \\(b\\.id\\)::text\\)\\)")
				.doesNotContain("Anti Join");
		}
		else {
			assertThat(plan).contains("PAYMENT_BY_STATUS_IX").contains("BATCH_ID = B.ID");
		}
	}

	@Test
	void aPassIsBuiltFromTheClaimedBatchesEachProbingItsPendingPayments() {
		// given stored payments, analyzed once every one of them settled
		importSettledPayments();

		// when the statement that builds a pass is planned
		String plan = String.join("\n",
				jdbc.sql("EXPLAIN " + SettlementWork.buildSql(repository.isPostgres())
					.replace(":businessDate", "DATE '2026-11-21'")
					.replace(":pass", "1")).query(String.class).list());

		// then each claimed batch asks the index for its PENDING payments
		if (repository.isPostgres()) {
			assertThat(plan).containsPattern(
					"Index Cond: .*status.* = 'PENDING'::text\\) AND \\(\\(?batch_id\\)?(::text)? = \\(b\\.id\\)::text")
				.doesNotContain("Join Filter");
		}
		else {
			assertThat(plan).contains("PAYMENT_BY_STATUS_IX");
		}
	}

	private void importSettledPayments() {
		StringBuilder file = new StringBuilder(
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n");
		IntStream.range(0, 600)
			.forEach(i -> file.append("b-%d,Batch %d,m-1,r-%d,payment,1.00,USD,acct-1\n".formatted(i % 3, i % 3, i)));
		importer.importFile(drop("plan.csv", file.toString()));
		jdbc.sql("UPDATE payment SET status = 'SETTLED'").update();
		if (repository.isPostgres()) {
			jdbc.sql("ANALYZE payment").update();
		}
	}

	private String explain(String sql) {
		return String.join("\n",
				jdbc.sql("EXPLAIN " + sql).param(LocalDate.of(2026, 11, 21)).query(String.class).list());
	}

}
