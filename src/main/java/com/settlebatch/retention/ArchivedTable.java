package com.settlebatch.retention;

/**
 * What a business date's archive holds of this product's own tables, one gzip CSV per
 * table: the closed batches of the date, their payments and currency totals, and the
 * import files they came from with those files' rejects. Other packages add theirs
 * through {@link RetentionPurge#archivedWithDate()}. Each query is the table's rows for
 * the date in a stable order, so that writing the archive twice gives the same bytes.
 */
enum ArchivedTable {

	PAYMENT_BATCH("payment_batch", """
			SELECT * FROM payment_batch
			WHERE status = 'CLOSED' AND business_date = :date
			ORDER BY id"""),

	PAYMENT("payment", """
			SELECT p.* FROM payment p JOIN payment_batch b ON b.id = p.batch_id
			WHERE b.status = 'CLOSED' AND b.business_date = :date
			ORDER BY p.id"""),

	BATCH_CURRENCY_TOTAL("batch_currency_total", """
			SELECT t.* FROM batch_currency_total t JOIN payment_batch b ON b.id = t.batch_id
			WHERE b.status = 'CLOSED' AND b.business_date = :date
			ORDER BY t.batch_id, t.currency"""),

	IMPORT_FILE("import_file", """
			SELECT * FROM import_file
			WHERE id IN (SELECT import_file_id FROM payment_batch
			             WHERE status = 'CLOSED' AND business_date = :date)
			ORDER BY id"""),

	IMPORT_REJECT("import_reject", """
			SELECT * FROM import_reject
			WHERE import_file_id IN (SELECT import_file_id FROM payment_batch
			                         WHERE status = 'CLOSED' AND business_date = :date)
			ORDER BY id""");

	private final String table;

	private final String select;

	ArchivedTable(String table, String select) {
		this.table = table;
		this.select = select;
	}

	String table() {
		return table;
	}

	/** The rows of the date, every column, in a stable order; parameter {@code date}. */
	RetentionPurge.DateRows rows() {
		return new RetentionPurge.DateRows(table, select);
	}

	String fileName() {
		return rows().fileName();
	}

	/** How many rows of the date the archive holds; parameter {@code date}. */
	String count() {
		return rows().count();
	}

}
