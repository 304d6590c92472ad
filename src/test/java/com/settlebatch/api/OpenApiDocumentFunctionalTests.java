package com.settlebatch.api;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.jayway.jsonpath.JsonPath;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.settlebatch.ops.JobControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document springdoc generates from the controllers, judged by third-party
 * tools so that the document and the API cannot drift apart: swagger-parser finds it
 * valid, it holds every endpoint of the README's table (and no other), and real answers
 * of every endpoint family, through Tomcat and the token filter, pass Atlassian's
 * {@link OpenApiInteractionValidator} built from the document as served.
 */
class OpenApiDocumentFunctionalTests extends ApiTestSupport {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	/** A README table row's first cell: {@code `GET` / `PUT /batches/{id}`}. */
	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

	@Autowired
	JobControl jobControl;

	private OpenApiInteractionValidator validator;

	private final List<String> violations = new ArrayList<>();

	@BeforeEach
	void validatorFromTheServedDocument() throws Exception {
		validator = OpenApiInteractionValidator
			.createForInlineApiSpecification(send("GET", "/openapi", null, null).body())
			.build();
	}

	@Test
	void theServedDocumentIsValidOpenApiWithTheBearerSchemeAndApiErrorRefusals() throws Exception {
		// given the document as a client fetches it, without a token
		HttpResponse<String> served = send("GET", "/openapi", null, null);
		assertThat(served.statusCode()).isEqualTo(200);

		// when swagger-parser reads it
		OpenAPI api = parse(served.body());

		// then it is OpenAPI 3.0 and every operation needs the bearer token
		assertThat(api.getOpenapi()).startsWith("3.0");
		SecurityScheme bearer = api.getComponents().getSecuritySchemes().get(OpenApiDocument.BEARER);
		assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
		assertThat(bearer.getScheme()).isEqualTo("bearer");
		assertThat(api.getSecurity()).anySatisfy(r -> assertThat(r).containsKey(OpenApiDocument.BEARER));
		// and every operation has a summary, a name and a success, and answers a refusal
		// (401 at least) with an ApiError
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			assertThat(operation.getSummary()).as(method + " " + path).isNotBlank();
			// named for generated clients: listBatches, not list_1
			assertThat(operation.getOperationId()).as(method + " " + path).matches("[a-z]+[A-Z][A-Za-z]*");
			assertThat(operation.getResponses().keySet()).as(method + " " + path)
				.anyMatch(code -> code.startsWith("2"));
			assertThat(operation.getResponses()).as(method + " " + path).containsKey("401");
			operation.getResponses()
				.entrySet()
				.stream()
				.filter(r -> r.getKey().startsWith("4"))
				.forEach(r -> assertThat(r.getValue().getContent().get("application/json").getSchema().get$ref())
					.as(method + " " + path + " " + r.getKey())
					.endsWith("/ApiError"));
		}));
		// and amounts are strings, times date-times
		assertThat(property(api, "Payment", "amount").getType()).isEqualTo("string");
		assertThat(property(api, "ExecutionSummary", "start").getFormat()).isEqualTo("date-time");
		// and the YAML form is the same document
		assertThat(parse(send("GET", "/openapi.yaml", null, null).body()).getPaths().keySet())
			.isEqualTo(api.getPaths().keySet());
	}

	@Test
	void everyEndpointOfTheReadmeTableIsInTheDocumentAndTheDocumentHasNoOther() throws Exception {
		// given the README's endpoint table
		Set<String> readme = readmeEndpoints();
		assertThat(readme).contains("GET /batches", "POST /batches/{id}/payments", "GET /executions/{id}",
				"GET /dashboard/payments/attention");

		// when the document's operations are listed
		Set<String> documented = new TreeSet<>();
		parse(send("GET", "/openapi", null, null).body()).getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.keySet()
				.forEach(method -> documented.add(method.name() + " " + path)));

		// then they are the same endpoints
		assertThat(documented).isEqualTo(readme);
	}

	@Test
	void batchesAnswerAsTheDocumentSays() throws Exception {
		String id = JsonPath.read(exchange("POST", "/batches", """
				{"name": "Documented", "merchantId": "acme", "externalId": "doc-1"}""", 201), "$.id");
		exchange("POST", "/batches", """
				{"name": "Again", "merchantId": "acme", "externalId": "doc-1"}""", 409);
		exchange("POST", "/batches", """
				{"name": "", "merchantId": "acme", "colour": "red"}""", 400);
		exchange("GET", "/batches/" + id, null, 200);
		exchange("PUT", "/batches/" + id, """
				{"name": "Documented, renamed", "externalId": null}""", 200);
		exchange("GET", "/batches?limit=5&openedge=20260101&status=DRAFT&merchant=acme", null, 200);
		exchange("GET", "/batches?openedge=2026-01-01", null, 400);
		exchange("GET", "/batches/statusCodes", null, 200);
		exchange("GET", "/batches/no-such-batch", null, 404);
		exchange("POST", "/batches/" + id + "/submit", null, 409);
		exchange("POST", "/batches/" + id + "/cancel", null, 200);
		unauthorized("GET", "/batches/" + id);
		assertThat(violations).isEmpty();
	}

	@Test
	void paymentsAnswerAsTheDocumentSays() throws Exception {
		String batch = createBatch("Documented", null, "acme");
		String one = JsonPath
			.read(exchange("POST", "/batches/" + batch + "/payments", payment("p-1", "10.00", "acct-1"), 201), "$.id");
		exchange("POST", "/batches/" + batch + "/payments", """
				[%s, {"referenceId": "p-3", "type": "refund", "amount": "2.50", "currency": "EUR",
				      "accountId": "acct-3", "dependsOn": "p-1", "customData": {"note": "partial"}}]"""
			.formatted(payment("p-2", "1.00", "acct-2")), 201);
		exchange("POST", "/batches/" + batch + "/payments", payment("p-4", "1.001", "acct-4"), 400);
		exchange("GET", "/batches/" + batch + "/payments?status=PENDING&limit=2&offset=1", null, 200);
		exchange("GET", "/batches/" + batch + "/payments?limit=0", null, 400);
		exchange("GET", "/payments/" + one, null, 200);
		exchange("GET", "/payments/statusCodes", null, 200);
		exchange("DELETE", "/payments/" + one, null, 409);
		String two = JsonPath.read(exchange("GET", "/batches/" + batch + "/payments?limit=1&offset=1", null, 200),
				"$.data[0].id");
		exchange("DELETE", "/payments/" + two, null, 204);
		exchange("GET", "/payments/" + two, null, 404);
		exchange("POST", "/batches/" + batch + "/submit", null, 200);
		settle();
		exchange("GET", "/batches/" + batch + "/payments", null, 200);
		exchange("GET", "/batches/" + batch, null, 200);
		exchange("GET", "/batches?closedge=20260101", null, 200);
		unauthorized("DELETE", "/payments/" + one);
		assertThat(violations).isEmpty();
	}

	@Test
	void executionsAnswerAsTheDocumentSaysWithOffsetTimesAndEachStepsCounts() throws Exception {
		// given a settled run: two payments settled, one declined
		String batch = createBatch("Documented", null, "acme");
		addPayments(batch, "[" + payment("ok-1", "1.00", "acct-1") + "," + payment("ok-2", "2.00", "acct-2") + ","
				+ payment("no-1", "3.00", "acct-blocked-1") + "]");
		exchange("POST", "/batches/" + batch + "/submit", null, 200);
		long run = settle();

		// when the executions are asked for
		String list = exchange("GET", "/executions?job=settlement&limit=5", null, 200);
		String one = exchange("GET", "/executions/" + run, null, 200);

		// then their times carry an offset (RFC 3339), and the listing shows what each
		// step counted: payments in the settle pass, batches in the closing step
		OffsetDateTime.parse(JsonPath.read(list, "$.data[0].start"));
		OffsetDateTime.parse(JsonPath.read(one, "$.end"));
		assertThat((List<Object>) JsonPath.read(list, "$.data[0].steps[?(@.step == 'settlePayments')].read"))
			.containsExactly(3);
		assertThat((List<Object>) JsonPath.read(list, "$.data[0].steps[?(@.step == 'settlePayments')].written"))
			.containsExactly(2);
		assertThat((List<Object>) JsonPath.read(list, "$.data[0].steps[?(@.step == 'settlePayments')].skipped"))
			.containsExactly(1);
		assertThat((List<Object>) JsonPath.read(list, "$.data[0].steps[?(@.step == 'closeBatches')].written"))
			.containsExactly(1);
		exchange("GET", "/executions/424242", null, 404);
		exchange("GET", "/executions/abc", null, 400);
		exchange("GET", "/executions?limit=0", null, 400);
		exchange("POST", "/executions/" + run + "/restart", null, 409);
		exchange("POST", "/executions/" + run + "/stop", null, 409);
		unauthorized("POST", "/executions/" + run + "/stop");
		assertThat(violations).isEmpty();
	}

	@Test
	void theDashboardsEndpointsAnswerAsTheDocumentSays() throws Exception {
		// given a run with a payment that failed after its retries
		sandbox.faults().failNext("acct-down", 100, 503);
		String batch = createBatch("Documented", null, "acme");
		addPayments(batch,
				"[" + payment("ok-1", "1.00", "acct-1") + "," + payment("down-1", "7.00", "acct-down") + "]");
		exchange("POST", "/batches/" + batch + "/submit", null, 200);
		long run = settle();

		exchange("GET", "/dashboard/executions/" + run + "/throughput", null, 200);
		exchange("GET", "/dashboard/executions/424242/throughput", null, 404);
		String attention = exchange("GET", "/dashboard/payments/attention?limit=10", null, 200);
		assertThat((List<Object>) JsonPath.read(attention, "$.data[*].referenceId")).containsExactly("down-1");
		exchange("GET", "/dashboard/payments/attention?limit=0", null, 400);
		unauthorized("GET", "/dashboard/payments/attention");
		assertThat(violations).isEmpty();
	}

	private long settle() {
		return jobControl.settle(DAY).getId();
	}

	/**
	 * One real HTTP request with the token; the request and the answer are checked
	 * against the document and every violation is kept for the test's last assertion.
	 * @return the answer's body
	 */
	private String exchange(String method, String pathAndQuery, String json, int expectedStatus) throws Exception {
		HttpResponse<String> response = send(method, pathAndQuery, json, TOKEN);
		assertThat(response.statusCode()).as(method + " " + pathAndQuery + ": " + response.body())
			.isEqualTo(expectedStatus);
		URI uri = URI.create(pathAndQuery);
		SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getPath())
			.withAuthorization("Bearer " + TOKEN);
		if (uri.getQuery() != null) {
			for (String pair : uri.getQuery().split("&")) {
				String[] nameValue = pair.split("=", 2);
				request.withQueryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
			}
		}
		if (json != null) {
			request.withContentType("application/json").withBody(json);
		}
		// A refused request is meant to break the document's rules: only its answer is
		// judged.
		ValidationReport report = expectedStatus >= 400
				? validator.validateResponse(uri.getPath(), Request.Method.valueOf(method), response(response))
				: validator.validate(request.build(), response(response));
		keep(method + " " + pathAndQuery, report);
		return response.body();
	}

	/** Without the token: the filter's 401 must have the document's shape too. */
	private void unauthorized(String method, String path) throws Exception {
		HttpResponse<String> response = send(method, path, null, null);
		assertThat(response.statusCode()).isEqualTo(401);
		keep(method + " " + path + " without a token",
				validator.validateResponse(path, Request.Method.valueOf(method), response(response)));
	}

	private void keep(String exchange, ValidationReport report) {
		report.getMessages().forEach(message -> violations.add(exchange + ": " + message));
	}

	private static SimpleResponse response(HttpResponse<String> response) {
		SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
		response.headers().firstValue("Content-Type").ifPresent(builder::withContentType);
		if (!response.body().isEmpty()) {
			builder.withBody(response.body());
		}
		return builder.build();
	}

	private static Schema<?> property(OpenAPI api, String schema, String property) {
		Schema<?> object = api.getComponents().getSchemas().get(schema);
		return object.getProperties().get(property);
	}

	private static OpenAPI parse(String document) {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
		assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
		assertThat(result.getOpenAPI()).isNotNull();
		return result.getOpenAPI();
	}

	/** {@code METHOD /path} of every row of the README's endpoint table. */
	private static Set<String> readmeEndpoints() throws Exception {
		List<String> lines = Files.readAllLines(Path.of("README.md"));
		int header = lines.indexOf(lines.stream()
			.filter(l -> l.strip().equals("| endpoint | does |"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the README has no endpoint table")));
		Set<String> endpoints = new TreeSet<>();
		for (String line : lines.subList(header + 2, lines.size())) {
			if (!line.strip().startsWith("|")) {
				break;
			}
			String first = line.strip().substring(1, line.strip().indexOf(" | ", 1) + 1);
			List<String> pending = new ArrayList<>();
			Matcher code = CODE.matcher(first);
			while (code.find()) {
				String[] parts = code.group(1).strip().split(" ", 2);
				String method = parts[0].toUpperCase(Locale.ROOT);
				assertThat(METHODS).as("a method in the README's table: " + code.group(1)).contains(method);
				pending.add(method);
				if (parts.length == 2) {
					String path = parts[1].split("\\?", 2)[0];
					pending.forEach(m -> endpoints.add(m + " " + path));
					pending.clear();
				}
			}
			assertThat(pending).as("a method without a path in the README's table: " + line).isEmpty();
		}
		return endpoints;
	}

	@Override
	protected Duration requestTimeout() {
		return Duration.ofSeconds(60);
	}

}
