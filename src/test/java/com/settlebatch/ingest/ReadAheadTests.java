package com.settlebatch.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader one chunk ahead hands rows over in blocks: every row still comes out once,
 * in order, with its rejection where it was, and the saved position counts the rows the
 * step took, not the rows read ahead.
 */
class ReadAheadTests {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,"
			+ "account_id\n";

	@TempDir
	Path dir;

	@Test
	void everyRowOfAFileSpanningSeveralBlocksComesOutOnceInOrderWithItsRejectionInPlace() throws Exception {
		// given: three blocks and a half; row 300 has a bad amount
		int rows = ReadAhead.BLOCK * 3 + ReadAhead.BLOCK / 2;
		Path file = write(rows, 300);
		ReadAhead reader = new ReadAhead(new CsvPaymentReader(file), 4);
		List<String> valid = new ArrayList<>();
		List<Long> rejected = new ArrayList<>();

		// when
		reader.open(new ExecutionContext());
		try {
			InputRow row;
			while ((row = reader.read()) != null) {
				try {
					valid.add(reader.process(row).referenceId());
				}
				catch (RejectedRowException bad) {
					rejected.add(bad.line());
				}
			}
		}
		finally {
			reader.close();
		}

		// then
		assertThat(valid).hasSize(rows - 1).first().isEqualTo("r-1");
		assertThat(valid).last().isEqualTo("r-" + rows);
		assertThat(valid).doesNotHaveDuplicates().doesNotContain("r-300");
		assertThat(rejected).containsExactly(301L);
	}

	@Test
	void theSavedPositionIsTheRowsTheStepTookAndARestartResumesAfterThem() throws Exception {
		// given: the step took 260 rows (more than a block) while the thread read ahead
		Path file = write(ReadAhead.BLOCK * 3, -1);
		ExecutionContext saved = new ExecutionContext();
		ReadAhead first = new ReadAhead(new CsvPaymentReader(file), 4);
		first.open(new ExecutionContext());
		for (int i = 0; i < 260; i++) {
			first.process(first.read());
		}
		first.update(saved);
		first.close();

		// when
		ReadAhead restarted = new ReadAhead(new CsvPaymentReader(file), 4);
		restarted.open(saved);
		try {
			// then
			assertThat(restarted.process(restarted.read()).referenceId()).isEqualTo("r-261");
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void aFileThatCannotBeReadOnFailsTheReadThatReachesItAndEveryOneAfter() throws Exception {
		// given: a quoted cell that never closes, after two good rows
		Path file = dir.resolve("broken.csv");
		Files.writeString(file, HEADER + "b-1,B,m-1,r-1,payment,1.00,USD,acct-1\n"
				+ "b-1,B,m-1,r-2,payment,2.00,USD,acct-1\n" + "b-1,B,m-1,\"r-3,payment,3.00,USD,acct-1\n");
		ReadAhead reader = new ReadAhead(new CsvPaymentReader(file), 4);
		reader.open(new ExecutionContext());
		try {
			// when
			assertThat(reader.read()).isNotNull();
			assertThat(reader.read()).isNotNull();

			// then
			assertThatThrownBy(reader::read).isInstanceOf(UnreadableInputException.class);
			assertThatThrownBy(reader::read).isInstanceOf(UnreadableInputException.class);
		}
		finally {
			reader.close();
		}
	}

	/** N rows r-1..r-N of one batch; row number {@code bad} (if any) has no amount. */
	private Path write(int rows, int bad) throws Exception {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= rows; i++) {
			csv.append("b-1,B,m-1,r-").append(i).append(",payment,").append(i == bad ? "abc" : "1.00");
			csv.append(",USD,acct-1\n");
		}
		Path file = dir.resolve("rows.csv");
		Files.writeString(file, csv);
		return file;
	}

}
