package com.settlebatch.rules;

import java.util.Arrays;
import java.util.List;

/**
 * The fields of a payment under both of their spellings, so that a problem is reported
 * with the name the sender actually used (CSV column or JSON property).
 */
public enum PaymentField {

	BATCH_EXTERNAL_ID("batch_external_id", "externalId", true), BATCH_NAME("batch_name", "name", true),
	MERCHANT_ID("merchant_id", "merchantId", true), REFERENCE_ID("reference_id", "referenceId", true),
	TYPE("type", "type", true), AMOUNT("amount", "amount", true), CURRENCY("currency", "currency", true),
	ACCOUNT_ID("account_id", "accountId", true), DEPENDS_ON("depends_on", "dependsOn", false),
	CUSTOM_DATA("custom_data", "customData", false);

	/**
	 * How the sender names fields: CSV files by column, JSON files and the API by
	 * property.
	 */
	public enum Spelling {

		CSV, JSON

	}

	private final String column;

	private final String property;

	private final boolean required;

	PaymentField(String column, String property, boolean required) {
		this.column = column;
		this.property = property;
		this.required = required;
	}

	public String column() {
		return column;
	}

	String property() {
		return property;
	}

	public boolean required() {
		return required;
	}

	/** The name as the sender spells it. */
	public String nameIn(Spelling spelling) {
		return spelling == Spelling.CSV ? column : property;
	}

	public static List<String> columns() {
		return Arrays.stream(values()).map(PaymentField::column).toList();
	}

}
