package com.settlebatch.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer-token authentication of every request but the health check, the OpenAPI document
 * with Swagger UI, and the dashboard's page with its script and style (they hold no data;
 * the page asks for the token). A refused request never reaches a controller, so it
 * changes nothing. With no token configured every request is refused: the API never opens
 * up because a setting is missing. The token is never logged.
 */
@Component
class ApiTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

	// Plain characters only: anything a servlet container might normalise ("..", ";",
	// "%") is not exempt.
	private static final Pattern HEALTH = Pattern.compile("/actuator/health(/[A-Za-z0-9_-]+)*");

	// The generated document (JSON, YAML, Swagger UI's configuration of it) and Swagger
	// UI's page and assets, which describe the API but hold none of its data.
	private static final Pattern OPENAPI = Pattern.compile("/openapi(?:\\.yaml|/swagger-config)?|/swagger-ui\\.html"
			+ "|/swagger-ui/[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*\\.(?:html|js|css|png)");

	// The dashboard's page and its own assets, by plain name; its data comes from
	// token-guarded paths.
	private static final Pattern DASHBOARD = Pattern.compile("/|/ui/?|/ui/[A-Za-z0-9_-]+\\.(?:html|js|css)");

	private final byte[] expectedDigest;

	private final AtomicBoolean warnedUnconfigured = new AtomicBoolean();

	ApiTokenFilter(@Value("${settle.api.token:}") String token) {
		this.expectedDigest = token == null || token.isBlank() ? null : digest(token);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String raw = request.getRequestURI().substring(request.getContextPath().length());
		String normalised = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		return exempt(raw) && raw.equals(normalised);
	}

	static boolean exempt(String path) {
		return OPENAPI.matcher(path).matches() || HEALTH.matcher(path).matches() || DASHBOARD.matcher(path).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (expectedDigest == null) {
			if (warnedUnconfigured.compareAndSet(false, true)) {
				log.warn("API request refused: no API token is configured (settle.api.token / SETTLEMENT_API_TOKEN)");
			}
			refuse(response, "the API token is not configured on the server; every request is refused");
			return;
		}
		String presented = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (presented == null) {
			refuse(response, "an Authorization: Bearer <token> header is required");
			return;
		}
		// Digests of equal length, compared in constant time: neither content nor length
		// leaks by timing.
		if (!MessageDigest.isEqual(expectedDigest, digest(presented))) {
			log.debug("API request refused: wrong token ({} {})", request.getMethod(), request.getRequestURI());
			refuse(response, "the bearer token is not valid");
			return;
		}
		chain.doFilter(request, response);
	}

	private static String bearer(String header) {
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = header.substring(7).strip();
		return token.isEmpty() ? null : token;
	}

	private static void refuse(HttpServletResponse response, String message) throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"settle\"");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"error\":\"unauthorized\",\"parameter\":\"Authorization\",\"message\":\"" + message + "\"}");
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
