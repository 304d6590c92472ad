package com.settlebatch.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written document cannot fall behind the code: every API endpoint is in it,
 * with its responses.
 */
class OpenApiDocumentFunctionalTests extends ApiTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	@SuppressWarnings("unchecked")
	void everyEndpointIsDocumentedAndEveryProtectedOneDocumentsItsRefusal() throws IOException {
		Map<String, Object> document;
		try (InputStream in = new ClassPathResource("static/openapi.yaml").getInputStream()) {
			document = new Yaml().load(in);
		}
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
		int endpoints = 0;
		for (var entry : mappings.getHandlerMethods().entrySet()) {
			if (!entry.getValue().getBeanType().getPackageName().equals(ApiTestSupport.class.getPackageName())) {
				continue;
			}
			for (String path : entry.getKey().getPatternValues()) {
				for (var method : entry.getKey().getMethodsCondition().getMethods()) {
					endpoints++;
					assertThat(paths).as("documented paths").containsKey(path);
					Map<String, Object> operation = (Map<String, Object>) paths.get(path)
						.get(method.name().toLowerCase(Locale.ROOT));
					assertThat(operation).as(method + " " + path).isNotNull();
					Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
					if (!path.equals("/openapi.yaml")) {
						assertThat(responses).as(method + " " + path + " responses").containsKey("401");
					}
				}
			}
		}
		assertThat(endpoints).isEqualTo(17);
	}

}
