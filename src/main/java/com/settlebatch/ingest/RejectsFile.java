package com.settlebatch.ingest;

import com.settlebatch.rules.TextRules;

/**
 * Helpers for the {@code <file>.rejects.csv} written beside an input file. People open
 * that file in a spreadsheet, and it echoes what senders wrote, so every cell is defused
 * before it is written.
 */
public final class RejectsFile {

	private RejectsFile() {
	}

	/**
	 * Prefixes a cell that a spreadsheet would evaluate as a formula with a single quote
	 * (OWASP CSV injection guidance), so it is shown as text, never executed.
	 * @param cell the cell text, may be null
	 * @return the cell safe to write, {@code ""} for null
	 */
	public static String neutralise(String cell) {
		if (cell == null) {
			return "";
		}
		return TextRules.startsLikeFormula(cell) ? "'" + cell : cell;
	}

}
