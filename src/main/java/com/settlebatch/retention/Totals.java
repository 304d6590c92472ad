package com.settlebatch.retention;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-currency counts and sums of an archive's rows, summed the same way while the
 * archive is written and when it is read back: payments by their amount, settled totals
 * by their settled count and amount.
 */
final class Totals {

	final Map<String, Manifest.Sum> payments = new TreeMap<>();

	final Map<String, Manifest.Sum> settled = new TreeMap<>();

	void add(String table, List<String> header, List<String> row) {
		if (table.equals(ArchivedTable.PAYMENT.table())) {
			add(payments, row.get(header.indexOf("currency")), 1, row.get(header.indexOf("amount")));
		}
		else if (table.equals(ArchivedTable.BATCH_CURRENCY_TOTAL.table())) {
			add(settled, row.get(header.indexOf("currency")), Long.parseLong(row.get(header.indexOf("settled_count"))),
					row.get(header.indexOf("settled_amount")));
		}
	}

	private static void add(Map<String, Manifest.Sum> sums, String currency, long count, String amount) {
		sums.merge(currency.strip(), Manifest.Sum.ZERO.plus(count, new BigDecimal(amount)),
				(a, b) -> a.plus(b.count(), new BigDecimal(b.amount())));
	}

	static boolean same(Map<String, Manifest.Sum> a, Map<String, Manifest.Sum> b) {
		return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> a.get(k).sameAs(b.get(k)));
	}

}
