package com.settlebatch.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import com.settlebatch.batches.BatchQueries;
import com.settlebatch.batches.BatchSummary;

/** The JSON shapes of batches: the 6DOT50 batch resource and the USAePay list. */
final class BatchJson {

	private static final DateTimeFormatter USAEPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private BatchJson() {
	}

	@Schema(name = "BatchCounts")
	record Counts(int payments, int settled, int declined, int failed, int skipped, int cancelled) {

		/**
		 * @param draftPayments the live count of a DRAFT batch, null for the others
		 * (theirs is stored)
		 */
		static Counts of(BatchSummary b, Integer draftPayments) {
			return new Counts(draftPayments != null ? draftPayments : b.paymentCount(), b.settledCount(),
					b.declinedCount(), b.failedCount(), b.skippedCount(), b.cancelledCount());
		}

	}

	/** Amounts as strings: exact, and no client parses them through a double. */
	@Schema(name = "SettledTotal")
	record Total(String currency, int count, @Schema(description = "exact decimal in the currency's scale, as a string",
			pattern = "^-?[0-9]+(\\.[0-9]+)?$", example = "12.50") String amount) {
	}

	/**
	 * One batch (6DOT50 shape plus our fields). Timestamps are ISO-8601 in UTC; outcome
	 * counts are set on close.
	 */
	record Batch(String id, String name, @Schema(nullable = true) String externalId, String merchantId,
			String statusCode, boolean processInSequence, OffsetDateTime createdAt,
			@Schema(nullable = true, format = "date-time") OffsetDateTime closedAt,
			@Schema(nullable = true, format = "int64") Long batchnum,
			@Schema(nullable = true, format = "date") LocalDate businessDate, Counts counts,
			List<Total> settledTotals) {

		static Batch of(BatchSummary b, boolean processInSequence, Integer draftPayments) {
			return new Batch(b.id(), b.name(), b.externalId(), b.merchantId(), b.status().name(), processInSequence,
					utc(b.opened()), utc(b.closed()), b.batchnum(), b.businessDate(), Counts.of(b, draftPayments),
					totals(b));
		}

	}

	/**
	 * One entry of the USAePay list: {@code type, key, batchnum, opened, closed}, then
	 * ours; nulls left out.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "BatchListItem")
	record ListItem(String type, String key, Long batchnum,
			@Schema(description = "the server's local wall-clock time, as USAePay writes it",
					pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
					example = "2026-11-21 23:30:05") String opened,
			@Schema(description = "the server's local wall-clock time, as USAePay writes it",
					pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
					example = "2026-11-21 23:30:05") String closed,
			String name, String externalId, String merchantId, String statusCode, Counts counts,
			List<Total> settledTotals) {

		static ListItem of(BatchSummary b, Clock clock, Integer draftPayments) {
			return new ListItem("batch", b.id(), b.batchnum(), local(b.opened(), clock), local(b.closed(), clock),
					b.name(), b.externalId(), b.merchantId(), b.status().name(), Counts.of(b, draftPayments),
					totals(b));
		}

	}

	record BatchList(String type, int limit, int offset, List<ListItem> data, long total) {

		static BatchList of(BatchQueries.Page page, Clock clock, Map<String, Integer> draftPayments) {
			return new BatchList("list", page.limit(), page.offset(),
					page.data().stream().map(b -> ListItem.of(b, clock, draftPayments.get(b.id()))).toList(),
					page.total());
		}

	}

	private static List<Total> totals(BatchSummary b) {
		return b.settledTotals()
			.stream()
			.map(t -> new Total(t.currency(), t.count(), t.amount().toPlainString()))
			.toList();
	}

	private static OffsetDateTime utc(OffsetDateTime time) {
		return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
	}

	/**
	 * USAePay writes local wall-clock times; ours are in the zone the date filters use.
	 */
	private static String local(OffsetDateTime time, Clock clock) {
		return time == null ? null : time.atZoneSameInstant(clock.getZone()).format(USAEPAY_TIME);
	}

}
