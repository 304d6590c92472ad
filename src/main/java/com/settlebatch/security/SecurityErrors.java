package com.settlebatch.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.settlebatch.api.ApiError;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Outcome;

/**
 * The chain's refusals in the API's own error shape: 401 when nobody valid signed in, 403
 * when the person's role may not. Each is one DENIED row of the audit trail. Neither the
 * token nor any part of it is ever logged, audited or echoed.
 */
class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(SecurityErrors.class);

	private final Audit audit;

	private final JsonMapper json;

	SecurityErrors(Audit audit, JsonMapper json) {
		this.audit = audit;
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		boolean badToken = failure instanceof InvalidBearerTokenException
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		String message = badToken ? "the bearer token is not valid, has expired or was revoked"
				: "an Authorization: Bearer <token> header is required";
		log.debug("API request refused: {} ({} {})", message, request.getMethod(), request.getRequestURI());
		denied(request, message);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				badToken ? "Bearer realm=\"settle\", error=\"invalid_token\"" : "Bearer realm=\"settle\"");
		write(response, HttpServletResponse.SC_UNAUTHORIZED,
				new ApiError("unauthorized", "Authorization", message, null));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
			throws IOException {
		String needed = AccessRules
			.required(org.springframework.http.HttpMethod.valueOf(request.getMethod()), path(request))
			.map(access -> "this needs the " + access.word() + " role")
			.orElse("nobody may do this");
		String user = SecurityContextHolder.getContext().getAuthentication() == null ? "anonymous"
				: SecurityContextHolder.getContext().getAuthentication().getName();
		String message = needed + "; " + user + " does not have it, and nothing was changed";
		log.info("API request refused: {} ({} {})", message, request.getMethod(), request.getRequestURI());
		denied(request, message);
		write(response, HttpServletResponse.SC_FORBIDDEN, new ApiError("forbidden", null, message, null));
	}

	/** A lost audit row must not turn a refusal into a server error: it is logged. */
	private void denied(HttpServletRequest request, String message) {
		try {
			audit.record(audit.current(), request.getMethod() + " " + path(request), path(request), Outcome.DENIED,
					message);
		}
		catch (DataAccessException ex) {
			log.warn("Could not record a denied request in the audit trail: {}", ex.getMessage());
		}
	}

	static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	private void write(HttpServletResponse response, int status, ApiError body) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(json.writeValueAsString(body));
	}

}
