package com.settlebatch.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import com.settlebatch.batches.BatchQueries;
import com.settlebatch.batches.PaymentView;

/**
 * The JSON shapes of payments; the amount is a string in the currency's scale
 * ({@code "12.50"}), exact.
 */
final class PaymentJson {

	private PaymentJson() {
	}

	/**
	 * Identifiers that look like card numbers are masked, as everywhere people or scripts
	 * see them.
	 */
	record Payment(String id, String batchId, String referenceId, String type,
			@Schema(description = "exact decimal in the currency's scale, as a string",
					pattern = "^-?[0-9]+(\\.[0-9]+)?$", example = "12.50") String amount,
			String currency, String accountId, @Schema(nullable = true) String dependsOn,
			@Schema(nullable = true) String uniqueKey, String statusCode, int attempts,
			@Schema(nullable = true) String gatewayId, @Schema(nullable = true, format = "int32") Integer httpStatus,
			@Schema(nullable = true) String errorCode, @Schema(nullable = true) String errorMessage,
			@Schema(nullable = true) String correlationId,
			@Schema(nullable = true, format = "date-time") OffsetDateTime settledAt) {

		static Payment of(PaymentView p) {
			return new Payment(p.id(), p.batchId(), p.referenceId(), p.type(), p.amount().toPlainString(), p.currency(),
					p.accountId(), p.dependsOn(), p.uniqueKey(), p.status().name(), p.attempts(), p.gatewayId(),
					p.httpStatus(), p.errorCode(), p.errorMessage(), p.correlationId(),
					p.settledAt() == null ? null : p.settledAt().withOffsetSameInstant(ZoneOffset.UTC));
		}

	}

	record PaymentList(String type, int limit, int offset, List<Payment> data, long total) {

		static PaymentList of(BatchQueries.PaymentPage page) {
			return new PaymentList("list", page.limit(), page.offset(), page.data().stream().map(Payment::of).toList(),
					page.total());
		}

	}

}
