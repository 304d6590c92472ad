package com.settlebatch.rules;

import com.settlebatch.masking.CardNumbers;

/**
 * Why one field of an input row cannot be imported.
 *
 * @param field the CSV column or JSON property name
 * @param reason a sentence for people, e.g. {@code has 3 decimals but USD allows 2}
 * @param rawValue the value as sent (may be null); shown neutralised, never executed
 */
public record FieldProblem(String field, String reason, String rawValue) {

	/**
	 * A card number in the input must not travel further than this row: masked on the way
	 * in.
	 */
	public FieldProblem {
		reason = CardNumbers.mask(reason);
		rawValue = CardNumbers.mask(rawValue);
	}

}
