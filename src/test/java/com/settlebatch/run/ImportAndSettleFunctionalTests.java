package com.settlebatch.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.batches.BatchSummary;
import com.settlebatch.ops.JobControl;
import com.settlebatch.refusal.RefusedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code settle run}'s use case, without the command line: what it did comes back as a
 * result.
 */
class ImportAndSettleFunctionalTests extends FunctionalTestSupport {

	private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

	private static final String CSV = """
			batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on,custom_data
			b-1,First,m-1,r-1,payment,10.00,USD,acct-1,,
			b-1,First,m-1,r-2,payment,5.00,USD,acct-1,,
			""";

	@Autowired
	ImportAndSettle importAndSettle;

	@Autowired
	JobControl jobControl;

	@Test
	void aRunImportsTheReadyFilesLeavesTheOthersSettlesTheDateAndReportsTheClosedBatches() throws Exception {
		// given: a complete file, a copy of it, and a file that may still be being
		// written
		Path ready = written("a-ready.csv", CSV);
		written("b-copy.csv", CSV);
		drop("c-fresh.csv", CSV.replace("b-1", "b-2"));

		// when
		ImportAndSettle.Result result = importAndSettle.run(DAY);

		// then: the first file is imported, its copy refused, the fresh one waits
		assertThat(result.files()).extracting(ImportAndSettle.FileImport::file, ImportAndSettle.FileImport::status)
			.containsExactly(tuple("a-ready.csv", "COMPLETED"), tuple("b-copy.csv", ImportAndSettle.FileImport.REFUSED),
					tuple("c-fresh.csv", ImportAndSettle.FileImport.WAITING));
		assertThat(result.files().get(1).reason()).contains("already imported");
		assertThat(result.files().get(2).reason()).contains("may still be being written");
		assertThat(ready).doesNotExist();
		// and: the inbox had nothing, the date settled, its batch closed with nothing to
		// look at
		assertThat(result.inbox()).isNull();
		assertThat(result.settlement().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(result.closed()).extracting(BatchSummary::externalId).containsExactly("b-1");
		assertThat(result.attention()).isEmpty();
		assertThat(result.executions()).containsExactly(result.files().get(0).execution(), result.settlement());
	}

	@Test
	void aRunWhoseSettlementIsRefusedStillTellsTheImportsItDid() throws Exception {
		// given: the date already settled
		jobControl.settle(DAY);
		written("late.csv", CSV);

		// when / then: the refusal stops the run, with the import done before it
		assertThatThrownBy(() -> importAndSettle.run(DAY)).isInstanceOfSatisfying(ImportAndSettle.Stopped.class,
				stopped -> {
					assertThat(stopped.getCause()).isInstanceOf(RefusedException.class);
					assertThat(((RefusedException) stopped.getCause()).kind())
						.isEqualTo(RefusedException.Kind.CONFLICT);
					assertThat(stopped.done().files()).extracting(ImportAndSettle.FileImport::status)
						.containsExactly("COMPLETED");
					assertThat(stopped.done().settlement()).isNull();
				});
	}

	/** A file written a minute ago: complete by the drop folder's rules. */
	private Path written(String name, String content) throws Exception {
		Path file = drop(name, content);
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
		return file;
	}

}
