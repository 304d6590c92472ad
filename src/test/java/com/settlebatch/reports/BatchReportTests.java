package com.settlebatch.reports;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchReportTests {

	@Test
	void aCellThatWouldStartAFormulaIsShownAsText() {
		assertThat(BatchReport.text("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(BatchReport.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(BatchReport.text("corr-1")).isEqualTo("corr-1");
		assertThat(BatchReport.text(null)).isEmpty();
	}

	@Test
	void aCardNumberInACellIsMasked() {
		assertThat(BatchReport.text("ref 4111 1111 1111 1111")).isEqualTo("ref 411111******1111");
	}

	@Test
	void timesAreWrittenInUtcWhateverTheirOffset() {
		assertThat(BatchReport.time(OffsetDateTime.parse("2026-11-23T01:30:00.123+02:00")))
			.isEqualTo("2026-11-22T23:30:00.123Z");
	}

}
