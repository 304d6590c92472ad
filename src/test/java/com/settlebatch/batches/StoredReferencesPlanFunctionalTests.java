package com.settlebatch.batches;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.SqlArrayValue;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.TestDatabase;
import com.settlebatch.ingest.FileImporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's duplicate check is a probe of the unique key per (batch, reference id)
 * pair, whatever the planner knows: the cost of a chunk must not become a scan of the
 * table, which a hash or merge join would read whole (bench/explain.sh shows the plans at
 * a million rows).
 */
class StoredReferencesPlanFunctionalTests extends FunctionalTestSupport {

	@Autowired
	PaymentRepository repository;

	@Autowired
	FileImporter importer;

	@Test
	void theDuplicateCheckProbesTheUniqueKeyPairByPairEvenForManyPairs() {
		// given stored batches of many payments, where H2 could take the foreign key's
		// index on batch_id alone (a walk through the batch per pair), and many more
		// pairs than the table holds rows, which makes a plain join a hash join over a
		// scan
		StringBuilder file = new StringBuilder(
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n");
		IntStream.range(0, 600)
			.forEach(i -> file.append("b-%d,Batch %d,m-1,r-%d,payment,1.00,USD,acct-1\n".formatted(i % 3, i % 3, i)));
		importer.importFile(drop("stored.csv", file.toString()));
		List<String> batches = IntStream.range(0, 5000).mapToObj(i -> "b-" + i % 50).toList();
		List<String> references = IntStream.range(0, 5000).mapToObj(i -> "r-" + i).toList();

		// when
		String plan = String.join("\n",
				jdbc.sql("EXPLAIN " + repository.storedReferencesSql())
					.param("batches", new SqlArrayValue("varchar", batches.toArray()))
					.param("references", new SqlArrayValue("varchar", references.toArray()))
					.query(String.class)
					.list());

		// then
		if (TestDatabase.postgres()) {
			// The inner side may be a scan while the table is a page or two, never a join
			// that reads it whole.
			assertThat(plan).contains("Nested Loop").doesNotContain("Hash").doesNotContain("Merge");
		}
		else {
			assertThat(plan).containsIgnoringCase("PAYMENT_REFERENCE_UK").doesNotContain("CONSTRAINT_INDEX");
		}
	}

}
