package com.settlebatch.reports;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JsonGenerator;

import com.settlebatch.batches.Money;

/**
 * Counts by payment status and sums per currency, of a batch or of the whole date, kept
 * sorted so that the summary is written the same way every time.
 */
final class Totals {

	private final Map<String, Long> byStatus = new TreeMap<>();

	private final Map<String, CurrencyTotal> byCurrency = new TreeMap<>();

	private long payments;

	void add(String status, String currency, BigDecimal amount) {
		payments++;
		byStatus.merge(status, 1L, Long::sum);
		byCurrency.computeIfAbsent(currency, c -> new CurrencyTotal()).add(amount, "SETTLED".equals(status));
	}

	void addAll(Totals other) {
		payments += other.payments;
		other.byStatus.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
		other.byCurrency
			.forEach((currency, total) -> byCurrency.computeIfAbsent(currency, c -> new CurrencyTotal()).addAll(total));
	}

	/** Writes the fields of these totals into the object the generator is in. */
	void writeFields(JsonGenerator json) {
		json.writeNumberProperty("payments", payments);
		json.writeObjectPropertyStart("byStatus");
		byStatus.forEach(json::writeNumberProperty);
		json.writeEndObject();
		json.writeObjectPropertyStart("byCurrency");
		byCurrency.forEach((currency, total) -> {
			json.writeObjectPropertyStart(currency);
			json.writeNumberProperty("payments", total.payments);
			// Amounts as exact strings, in the currency's scale, as the API gives them.
			json.writeStringProperty("amount", Money.scaled(total.amount, currency).toPlainString());
			json.writeNumberProperty("settled", total.settled);
			json.writeStringProperty("settledAmount", Money.scaled(total.settledAmount, currency).toPlainString());
			json.writeEndObject();
		});
		json.writeEndObject();
	}

	private static final class CurrencyTotal {

		private long payments;

		private BigDecimal amount = BigDecimal.ZERO;

		private long settled;

		private BigDecimal settledAmount = BigDecimal.ZERO;

		void add(BigDecimal value, boolean isSettled) {
			payments++;
			amount = amount.add(value);
			if (isSettled) {
				settled++;
				settledAmount = settledAmount.add(value);
			}
		}

		void addAll(CurrencyTotal other) {
			payments += other.payments;
			amount = amount.add(other.amount);
			settled += other.settled;
			settledAmount = settledAmount.add(other.settledAmount);
		}

	}

}
