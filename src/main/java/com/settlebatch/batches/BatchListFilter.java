package com.settlebatch.batches;

import java.time.LocalDate;

/**
 * The USAePay batch list filters: {@code opened}/{@code closed} before ({@code lt}),
 * after ({@code gt}), or on-or-before/after ({@code le}/{@code ge}) a date, plus merchant
 * and status. Null means "no filter".
 */
public record BatchListFilter(LocalDate openedLt, LocalDate openedGt, LocalDate openedLe, LocalDate openedGe,
		LocalDate closedLt, LocalDate closedGt, LocalDate closedLe, LocalDate closedGe, String merchantId,
		BatchStatus status) {

	public static BatchListFilter none() {
		return new BatchListFilter(null, null, null, null, null, null, null, null, null, null);
	}

}
