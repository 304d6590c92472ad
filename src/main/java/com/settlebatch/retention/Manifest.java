package com.settlebatch.retention;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A business date's archive as written: each file's rows and SHA-256, the payments' and
 * the settled totals' count and sum per currency, and the import files the date's batches
 * came from. Written last, after every file is in place: a manifest means a complete
 * archive.
 */
record Manifest(String businessDate, List<FileEntry> files, Map<String, Sum> payments, Map<String, Sum> settled,
		List<Long> importFileIds) {

	static final String FILE_NAME = "manifest.json";

	record FileEntry(String table, String file, long rows, String sha256) {
	}

	/** A count and an exact sum, the amount as its decimal text. */
	record Sum(long count, String amount) {

		Sum plus(long moreCount, BigDecimal value) {
			return new Sum(count + moreCount, new BigDecimal(amount).add(value).toPlainString());
		}

		boolean sameAs(Sum other) {
			return other != null && count == other.count
					&& new BigDecimal(amount).compareTo(new BigDecimal(other.amount)) == 0;
		}

		static final Sum ZERO = new Sum(0, "0");

	}

	/**
	 * The table's file, if this archive holds one (one written before it was added may
	 * not).
	 */
	Optional<FileEntry> file(String table) {
		return files.stream().filter(f -> f.table().equals(table)).findFirst();
	}

	long rows(ArchivedTable table) {
		return file(table.table()).orElseThrow().rows();
	}

}
