package com.settlebatch.retention;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The extension point through which other packages remove their own rows when retention
 * runs, each in a few lines of SQL on its own tables, so that retention never reaches
 * into them. A package may keep tables with a business date's archive (written, verified
 * and removed with the date's batches) and may purge rows nothing needs any more (step
 * {@code purgeOwnedRows}). Each call is one transaction of at most {@code limit} rows; it
 * is called again until it answers 0.
 */
public interface RetentionPurge {

	/**
	 * This package's tables that go into a business date's archive: written after the
	 * date's own tables, read back and checked with them, and removed after them.
	 */
	default List<DateRows> archivedWithDate() {
		return List.of();
	}

	/**
	 * Removes at most {@code limit} rows of the date's tables named by
	 * {@link #archivedWithDate()}, once the date's archive holds them.
	 * @return the rows removed; 0 once none is left
	 */
	default int removeArchived(LocalDate date, int limit) {
		return 0;
	}

	/**
	 * Removes at most {@code limit} rows that nothing needs any more as of {@code asOf}.
	 * @return the rows removed; 0 once none is left
	 */
	default int purge(LocalDateTime asOf, int limit) {
		return 0;
	}

	/**
	 * How many rows {@link #purge} would remove as of {@code asOf}: what a dry run says.
	 */
	default long purgeable(LocalDateTime asOf) {
		return 0;
	}

	/**
	 * A table's rows of one business date as its archive file holds them.
	 *
	 * @param table the table's name, which names its file
	 * @param select every column of the date's rows in a stable order, so that writing
	 * the archive twice gives the same bytes; named parameter {@code date}, ending with
	 * its ORDER BY
	 */
	record DateRows(String table, String select) {

		String fileName() {
			return table + ".csv.gz";
		}

		/** How many rows {@link #select()} gives; parameter {@code date}. */
		String count() {
			return "SELECT COUNT(*) FROM (" + select.substring(0, select.lastIndexOf("ORDER BY")) + ") x";
		}

	}

}
