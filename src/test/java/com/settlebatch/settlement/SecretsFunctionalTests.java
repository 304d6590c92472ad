package com.settlebatch.settlement;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.logging.LoggedSince;
import com.settlebatch.gateway.GatewayProperties;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway token and client secret reach the gateway and nowhere else, even at DEBUG
 * level.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsFunctionalTests extends FunctionalTestSupport {

	private static final List<String> SECRETS = List.of("tok_TEST_3f9a7c1e_DO_NOT_LEAK",
			"cs_TEST_0b2d4f6a_DO_NOT_LEAK");

	@Autowired
	FileImporter importer;

	@Autowired
	JobControl jobControl;

	@Autowired
	GatewayProperties gatewayProperties;

	@Test
	void noSecretInLogsJobParametersOrTheMetadataTablesAfterARunWithRejectsDeclinesAndRetries(CapturedOutput output) {
		LoggedSince logged = LoggedSince.now();
		importer.importFile(drop("secrets.csv",
				"batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n"
						+ "s-1,S,m-s,ok,payment,1.00,USD,acct-1\n" + "s-1,S,m-s,bad,payment,abc,USD,acct-1\n"
						+ "s-1,S,m-s,no,payment,2.00,USD,acct-blocked-2\n"
						+ "s-1,S,m-s,down,payment,3.00,USD,acct-3\n"));
		sandbox.faults().failNext("acct-3", 100, 503);
		jobControl.settle(LocalDate.of(2026, 11, 21));

		assertThat(gatewayProperties.appToken()).isEqualTo(SECRETS.get(0));
		StringBuilder stored = new StringBuilder();
		for (String sql : List.of("SELECT PARAMETER_NAME || '=' || PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS",
				"SELECT COALESCE(EXIT_MESSAGE, '') FROM BATCH_JOB_EXECUTION",
				"SELECT COALESCE(EXIT_MESSAGE, '') FROM BATCH_STEP_EXECUTION",
				"SELECT COALESCE(error_message, '') || COALESCE(error_code, '') FROM payment",
				"SELECT reason || COALESCE(raw_value, '') FROM import_reject")) {
			jdbc.sql(sql).query(String.class).list().forEach(stored::append);
		}
		for (String sql : List.of("SELECT SERIALIZED_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT",
				"SELECT SERIALIZED_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT",
				"SELECT SHORT_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT")) {
			jdbc.sql(sql)
				.query(String.class)
				.list()
				.forEach(context -> stored.append(context).append(decoded(context)));
		}
		assertThat(stored).isNotEmpty();
		for (String secret : SECRETS) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(logged.text()).doesNotContain(secret);
			assertThat(stored.toString()).doesNotContain(secret);
			assertThat(gatewayProperties.toString()).doesNotContain(secret);
			assertThat(sandbox.settings().toString()).doesNotContain(secret);
		}
		assertThat(output.getAll()).contains("batch closed");
		assertThat(logged.text()).contains("batch closed");
	}

	/** Contexts are stored as Base64 of Java serialisation; look inside them too. */
	private static String decoded(String context) {
		if (context == null) {
			return "";
		}
		try {
			return new String(Base64.getDecoder().decode(context.strip()), StandardCharsets.ISO_8859_1);
		}
		catch (IllegalArgumentException notBase64) {
			return "";
		}
	}

}
