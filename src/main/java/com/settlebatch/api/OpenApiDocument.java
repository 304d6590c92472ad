package com.settlebatch.api;

import java.util.List;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the generated OpenAPI document says about the API as a whole, which springdoc
 * cannot see in the controllers: the bearer token every operation needs (the security
 * chain asks for it; {@code security.SecurityOpenApi} adds each operation's role) and the
 * {@link ApiError} body of every refusal (made by {@link ApiErrors} and the filter).
 * springdoc serves the document at {@code /openapi} and {@code /openapi.yaml}, Swagger UI
 * at {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // like springdoc itself: the CLI has no document to write
@OpenAPIDefinition(info = @Info(title = "settle", version = "1",
		description = "Batches and payments as the USAePay batch API shapes them, and the job executions of "
				+ "the settlement service. Every operation needs `Authorization: Bearer <token>`: a person's own "
				+ "token (`settle token create`), the service account's, or a JWT of the identity provider; "
				+ "each operation names the role it needs (`x-required-role`). Every refusal answers with an ApiError body. Amounts are exact decimal strings in the "
				+ "currency's scale; times are RFC 3339 with their offset."),
		security = @SecurityRequirement(name = OpenApiDocument.BEARER))
@SecurityScheme(name = OpenApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "A person's token made by `settle token create` (or POST /tokens), or the service "
				+ "account's (SETTLE_SERVICE_TOKEN).")
class OpenApiDocument {

	static final String BEARER = "bearerToken";

	static final String UNAUTHORIZED = "no bearer token, or one that is not valid, has expired or was revoked";

	private static final String API_ERROR = "#/components/schemas/ApiError";

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	/**
	 * Every operation may answer 401 (the filter's refusal); every refusal an operation
	 * declares carries an {@link ApiError}, which the controllers' annotations name once
	 * (the dashboard's cannot: the type is this package's).
	 */
	@Bean
	OpenApiCustomizer refusalsCarryApiErrors() {
		return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
			ApiResponses responses = operation.getResponses();
			if (!responses.containsKey("401")) {
				responses.addApiResponse("401", new ApiResponse().description(UNAUTHORIZED));
			}
			responses.forEach((code, response) -> {
				if (code.startsWith("4") || code.startsWith("5")) {
					response.setContent(
							new Content().addMediaType(JSON, new MediaType().schema(new Schema<>().$ref(API_ERROR))));
				}
			});
		}));
	}

	/**
	 * {@code POST /batches/{id}/payments} takes one payment or an array of them and
	 * answers in kind: a oneOf, which the annotations cannot write.
	 */
	@Bean
	OpenApiCustomizer paymentsComeAsAnObjectOrAnArray() {
		return openApi -> {
			Operation add = openApi.getPaths().get("/batches/{id}/payments").getPost();
			objectOrArray(add.getRequestBody().getContent().get(JSON));
			objectOrArray(add.getResponses().get("201").getContent().get(JSON));
		};
	}

	private static void objectOrArray(MediaType media) {
		Schema<?> one = media.getSchema();
		ArraySchema many = new ArraySchema();
		many.setItems(new Schema<>().$ref(one.get$ref()));
		many.setMinItems(1);
		media.setSchema(new ComposedSchema().oneOf(List.of(one, many)));
	}

}
