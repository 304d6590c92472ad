package com.settlebatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL the README gives operators runs, on H2 and PostgreSQL, against a database a
 * real run filled.
 */
class ReadmeSqlFunctionalTests extends FunctionalTestSupport {

	private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Test
	void everyReadmeQueryRunsAndTheStatusQueriesFindTheRun() throws Exception {
		importer.importFile(drop("readme.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "rd-1,Readme,m-rd,r-1,payment,1.00,USD,acct-1\nrd-1,Readme,m-rd,r-2,payment,2.00,USD,acct-blocked-2\n"));
		jobControl.settle(LocalDate.now());

		List<String> statements = new ArrayList<>();
		Matcher blocks = SQL_BLOCK.matcher(Files.readString(Path.of("README.md")));
		while (blocks.find()) {
			for (String statement : blocks.group(1).split(";")) {
				String sql = statement.lines()
					.filter(line -> !line.strip().startsWith("--"))
					.reduce("", (a, b) -> a + "\n" + b)
					.strip();
				if (!sql.isEmpty()) {
					statements.add(sql);
				}
			}
		}

		List<String> queries = statements.stream().filter(sql -> sql.regionMatches(true, 0, "SELECT", 0, 6)).toList();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
		// What ran, asked first: the import and the settlement (before the inbox example
		// adds anything).
		assertThat(jdbc.sql(queries.get(0)).query().listOfRows()).as(queries.get(0)).hasSize(2);
		for (String sql : statements) {
			if (queries.contains(sql)) {
				assertThat(jdbc.sql(sql).query().listOfRows()).as(sql).isNotNull();
			}
			else {
				assertThat(jdbc.sql(sql).update()).as(sql).isPositive();
			}
		}
	}

}
