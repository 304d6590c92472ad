package com.settlebatch.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies as the OpenAPI document shows them. The controllers read a body by
 * hand ({@link JsonBody}) so that every problem is reported at once with where it is; no
 * controller binds these types, they only describe what {@link BatchRequests} and
 * {@link PaymentRequests} accept. Unknown properties are refused.
 */
final class RequestBodies {

	private RequestBodies() {
	}

	@Schema(name = "NewBatch", requiredProperties = { "name", "merchantId" },
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record NewBatch(String name, @Schema(nullable = true,
			description = "unique among all batches; a file or request that repeats it is refused") String externalId,
			@Schema(description = "batchnums are counted per merchant") String merchantId,
			@Schema(description = "settle the payments one after another, in the order given",
					defaultValue = "false") Boolean processInSequence) {
	}

	@Schema(name = "BatchChanges",
			description = "What a PUT changes: an absent property keeps its value; \"externalId\": null removes it. "
					+ "merchantId cannot change.",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record BatchChanges(String name, @Schema(nullable = true) String externalId, Boolean processInSequence) {
	}

	@Schema(name = "NewPayment", requiredProperties = { "referenceId", "type", "amount", "currency", "accountId" },
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record NewPayment(@Schema(description = "unique within the batch") String referenceId,
			@Schema(description = "payment, refund or payout", example = "payment") String type,
			@Schema(description = "a decimal string, at most the currency's decimals", example = "12.50") String amount,
			@Schema(description = "ISO 4217", example = "USD") String currency,
			@Schema(description = "the account to charge or pay; never a card number") String accountId,
			@Schema(nullable = true,
					description = "the referenceId of a payment of the same batch that must settle first") String dependsOn,
			@Schema(nullable = true, type = "object",
					description = "any JSON object up to 10 KB, passed to the gateway; no card or personal data") Object customData) {
	}

}
