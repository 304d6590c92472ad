package com.settlebatch.ingest;

import java.util.List;

/**
 * The fields of a payment row under both of their spellings, so that a problem is reported with
 * the name the sender actually used (CSV column or JSON property).
 */
enum PaymentField {

	BATCH_EXTERNAL_ID("batch_external_id", "externalId", true),
	BATCH_NAME("batch_name", "name", true),
	MERCHANT_ID("merchant_id", "merchantId", true),
	REFERENCE_ID("reference_id", "referenceId", true),
	TYPE("type", "type", true),
	AMOUNT("amount", "amount", true),
	CURRENCY("currency", "currency", true),
	ACCOUNT_ID("account_id", "accountId", true),
	DEPENDS_ON("depends_on", "dependsOn", false),
	CUSTOM_DATA("custom_data", "customData", false);

	private final String column;

	private final String property;

	private final boolean required;

	PaymentField(String column, String property, boolean required) {
		this.column = column;
		this.property = property;
		this.required = required;
	}

	String column() {
		return column;
	}

	String property() {
		return property;
	}

	boolean required() {
		return required;
	}

	/** The name as the row's file spells it: JSON rows carry a path, CSV rows do not. */
	String nameFor(InputRow row) {
		return row.jsonPath() == null ? column : property;
	}

	static List<String> columns() {
		return java.util.Arrays.stream(values()).map(PaymentField::column).toList();
	}

}
