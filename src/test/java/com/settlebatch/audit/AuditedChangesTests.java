package com.settlebatch.audit;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a REFUSED row says of the refusal. */
class AuditedChangesTests {

	@Test
	void aRefusalOfTheProductIsRecordedInItsOwnWords() {
		assertThat(AuditedChanges.reason(new IllegalStateException("batch b-1 is CLOSED and cannot become CANCELLED")))
			.isEqualTo("batch b-1 is CLOSED and cannot become CANCELLED");
	}

	@Test
	void aDatabaseErrorIsRecordedByItsKindOnlyAsItsMessageQuotesValues() {
		DuplicateKeyException duplicate = new DuplicateKeyException(
				"INSERT INTO payment_batch ...; Key (external_id)=(acct 4111111111111111) already exists");

		assertThat(AuditedChanges.reason(duplicate)).isEqualTo("DuplicateKeyException");
	}

	@Test
	void aRefusalWithoutAMessageIsRecordedByItsKind() {
		assertThat(AuditedChanges.reason(new NullPointerException())).isEqualTo("NullPointerException");
	}

}
