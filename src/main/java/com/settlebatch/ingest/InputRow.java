package com.settlebatch.ingest;

import com.settlebatch.masking.CardNumbers;

/**
 * One payment as read from an input file, before validation: every field is the raw text
 * of the file, so that a reject can echo exactly what was sent.
 *
 * @param source the file name the row came from
 * @param line the 1-based line where the row (CSV record or JSON payment object) starts
 * @param jsonPath the JSON path of the payment object ({@code $[1].payments[4]}), null
 * for CSV
 * @param processInSequence the batch's {@code processInSequence} flag, null when absent
 * @param amount the amount exactly as written (a JSON number keeps its text:
 * {@code 12.00})
 * @param customData a JSON object as text, or null
 */
public record InputRow(String source, long line, String jsonPath, String batchExternalId, String batchName,
		String merchantId, Boolean processInSequence, String referenceId, String type, String amount, String currency,
		String accountId, String dependsOn, String customData) {

	/**
	 * Where the row is, for people: {@code payments.csv line 7} or
	 * {@code batches.json $[0].payments[3] (line 12)}.
	 */
	public String location() {
		return jsonPath == null ? source + " line " + line : source + " " + jsonPath + " (line " + line + ")";
	}

	/**
	 * Only what locates the row: account ids and custom data may hold card numbers or
	 * personal data.
	 */
	@Override
	public String toString() {
		return "InputRow[" + location() + ", batch=" + CardNumbers.mask(batchExternalId) + ", reference="
				+ CardNumbers.mask(referenceId) + "]";
	}

}
