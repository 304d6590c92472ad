package com.settlebatch.retention;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every table a date's archive holds, in the order its files are written: this package's
 * own ({@link ArchivedTable}), then those other packages keep with the date
 * ({@link RetentionPurge#archivedWithDate()}).
 */
@Component
class ArchiveTables {

	private final ObjectProvider<RetentionPurge> purges;

	ArchiveTables(ObjectProvider<RetentionPurge> purges) {
		this.purges = purges;
	}

	List<RetentionPurge.DateRows> all() {
		List<RetentionPurge.DateRows> tables = new ArrayList<>();
		for (ArchivedTable table : ArchivedTable.values()) {
			tables.add(table.rows());
		}
		purges.orderedStream().forEach(purge -> tables.addAll(purge.archivedWithDate()));
		return tables;
	}

	List<RetentionPurge> purges() {
		return purges.orderedStream().toList();
	}

}
