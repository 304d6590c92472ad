package com.settlebatch.batches;

import java.sql.Types;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

import com.settlebatch.FunctionalTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database's own guard of gap-free numbering, on both databases (on PostgreSQL an
 * index of closed batches only, V21_1): two batches of a merchant never share a batchnum,
 * while any number of batches wait for theirs.
 */
class BatchnumGuardFunctionalTests extends FunctionalTestSupport {

	@Test
	void twoBatchesOfAMerchantCannotShareABatchnumButManyCanWaitForOne() {
		// given two open batches of one merchant, with no batchnum yet
		insert("b-1", null);
		insert("b-2", null);

		// when a third takes number 7, then a fourth cannot take it too
		insert("b-3", 7L);
		assertThatThrownBy(() -> insert("b-4", 7L)).isInstanceOf(DuplicateKeyException.class);

		// then
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_batch WHERE merchant_id = 'm-g'").query(Long.class).single())
			.isEqualTo(3);
	}

	private void insert(String id, Long batchnum) {
		jdbc.sql("""
				INSERT INTO payment_batch (id, name, merchant_id, status, batchnum, opened, closed)
				VALUES (:id, 'Guard', 'm-g', :status, :batchnum, CURRENT_TIMESTAMP, :closed)""")
			.param("id", id)
			.param("status", batchnum == null ? "DRAFT" : "CLOSED")
			.param("batchnum", batchnum, Types.BIGINT)
			.param("closed", batchnum == null ? null : OffsetDateTime.now(), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

}
