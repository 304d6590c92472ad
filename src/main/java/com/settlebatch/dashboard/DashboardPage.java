package com.settlebatch.dashboard;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard's one page. The page and its script and style load without the API token
 * (they hold no data); the script asks for the token and sends it with every data
 * request, so the data stays behind the same rule as the API.
 */
@Controller
@Hidden // a page for people, not an operation of the API
class DashboardPage {

	/**
	 * Everything the page loads comes from this server: no inline script, no third-party
	 * origin, no framing. A script injected through some data field could not run.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	private static final Resource PAGE = new ClassPathResource("static/ui/index.html");

	/** Operators type the host and port; the root is where they land. */
	@GetMapping("/")
	ResponseEntity<Void> root() {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/ui")).build();
	}

	@GetMapping({ "/ui", "/ui/" })
	ResponseEntity<Resource> page() {
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_HTML)
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.body(PAGE);
	}

}
