package com.settlebatch.security;

import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * What the OpenAPI document says about signing in: each operation's role, read from
 * {@link AccessRules} (the table the filter chain enforces, so the two cannot disagree),
 * as an {@code x-required-role} extension and a sentence of its description; and the two
 * bearer schemes, product tokens and the identity provider's JWTs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityOpenApi {

	/**
	 * The scheme of the product's tokens, declared with the document's other settings.
	 */
	static final String BEARER = "bearerToken";

	static final String JWT = "jwt";

	static final String EXTENSION = "x-required-role";

	@Bean
	OpenApiCustomizer rolesFromTheRuleTable() {
		return openApi -> {
			openApi.getComponents()
				.addSecuritySchemes(JWT,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("A JWT of the identity provider set in settle.auth.jwt; the person is its "
									+ "preferred_username (else sub), the role a value of its roles claim."));
			openApi.setSecurity(
					List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(JWT)));
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				AccessRules.Access access = AccessRules.required(HttpMethod.valueOf(method.name()), path)
					.orElseThrow(() -> new IllegalStateException(method + " " + path + " is in no access rule"));
				describe(operation, access);
			}));
		};
	}

	private static void describe(Operation operation, AccessRules.Access access) {
		operation.addExtension(EXTENSION, access.word());
		String sentence = access.role == null ? "Open to anybody, without a token." : switch (access.role) {
			case VIEWER -> "Needs the viewer role (or operator, or admin).";
			case OPERATOR -> "Needs the operator role (or admin).";
			case ADMIN -> "Needs the admin role.";
		};
		String description = operation.getDescription();
		operation.setDescription(
				description == null || description.isBlank() ? sentence : description.strip() + "\n\n" + sentence);
		if (access.role != null && !operation.getResponses().containsKey("403")) {
			operation.getResponses()
				.addApiResponse("403",
						new ApiResponse().description("the signed-in person's role is not enough")
							.content(new Content().addMediaType(
									org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
									new MediaType().schema(new Schema<>().$ref("#/components/schemas/ApiError")))));
		}
	}

}
