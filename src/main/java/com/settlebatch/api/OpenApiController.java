package com.settlebatch.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written OpenAPI document without a token, with a YAML content type the
 * static handler lacks.
 */
@RestController
class OpenApiController {

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private final Resource document = new ClassPathResource("static/openapi.yaml");

	@GetMapping("/openapi.yaml")
	ResponseEntity<Resource> openApi() {
		return ResponseEntity.ok().contentType(YAML).body(document);
	}

}
