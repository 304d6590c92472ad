package com.settlebatch.sandbox;

import static com.settlebatch.sandbox.SandboxTestClient.json;
import static com.settlebatch.sandbox.SandboxTestClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxValidationTests extends SandboxTestSupport {

	@Test
	void aDependentCallMustNameARealCharge() throws Exception {
		HttpResponse<String> parent = client.payment("k-parent", payment("r-1", 100, "acct-1"));
		String parentId = json(parent).get("id").stringValue();

		HttpResponse<String> unknown = client.payment("k-orphan", """
				{"reference_id": "r-2", "type": "refund", "amount": 50, "currency": "USD", "account_id": "acct-1",
				 "parent_payment_id": "no-such-charge"}""");
		HttpResponse<String> known = client.payment("k-child", """
				{"reference_id": "r-3", "type": "refund", "amount": 50, "currency": "USD", "account_id": "acct-1",
				 "parent_payment_id": "%s"}""".formatted(parentId));

		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(json(unknown).get("error_description").stringValue()).contains("parent_payment_id");
		assertThat(known.statusCode()).isEqualTo(201);
		assertThat(json(known).get("parent_payment_id").stringValue()).isEqualTo(parentId);
		assertThat(gateway.ledger().chargeCount()).isEqualTo(2);
	}

	@Test
	void invalidParametersNameTheField() throws Exception {
		HttpResponse<String> amountAsString = client.payment("k-1", """
				{"reference_id": "r-1", "type": "payment", "amount": "1250", "currency": "USD", "account_id": "a"}""");
		HttpResponse<String> decimalAmount = client.payment("k-2", """
				{"reference_id": "r-1", "type": "payment", "amount": 12.50, "currency": "USD", "account_id": "a"}""");
		HttpResponse<String> badCurrency = client.payment("k-3", """
				{"reference_id": "r-1", "type": "payment", "amount": 1, "currency": "usd", "account_id": "a"}""");
		HttpResponse<String> badType = client.payment("k-4", """
				{"reference_id": "r-1", "type": "gift", "amount": 1, "currency": "USD", "account_id": "a"}""");
		HttpResponse<String> noAccount = client.payment("k-5", """
				{"reference_id": "r-1", "type": "payment", "amount": 1, "currency": "USD"}""");
		HttpResponse<String> malformed = client.payment("k-6", "{\"reference_id\": ");
		HttpResponse<String> noKey = client.payment(null, payment("r-1", 1, "a"));

		assertInvalid(amountAsString, "amount");
		assertInvalid(decimalAmount, "amount");
		assertInvalid(badCurrency, "currency");
		assertInvalid(badType, "type");
		assertInvalid(noAccount, "account_id");
		assertInvalid(malformed, "JSON");
		assertThat(noKey.statusCode()).isEqualTo(400);
		assertThat(json(noKey).get("error_code").stringValue()).isEqualTo("UNIQUE_KEY_REQUIRED");
		assertThat(gateway.ledger().chargeCount()).isZero();
	}

	private static void assertInvalid(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = json(response);
		assertThat(error.get("error_code").stringValue()).isEqualTo("INVALID_PARAMS");
		assertThat(error.get("error_description").stringValue()).contains(field);
	}

	@Test
	void unknownPathAnswers404AndWrongMethod405() throws Exception {
		HttpResponse<String> unknown = client.send(client.request("/refunds", "{}", "sandbox-token", "k"));
		HttpResponse<String> wrongMethod = client
			.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/payments")).DELETE().build());

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("error_code").stringValue()).isEqualTo("NOT_FOUND");
		assertThat(unknown.headers().firstValue("X-Correlation-Id")).isPresent();
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
		assertThat(json(wrongMethod).has("error_description")).isTrue();
	}

}
