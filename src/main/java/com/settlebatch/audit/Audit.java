package com.settlebatch.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.settlebatch.masking.CardNumbers;

/**
 * Records one row of the audit trail. The row joins the caller's transaction when there
 * is one, so a change and its row commit or roll back together; without one it commits on
 * its own. The only writer of {@code audit_event}.
 *
 * <pre>
 * audit.record("reconciliation.resolve", "exception 42", Outcome.OK);          // who: the signed-in person
 * audit.record(Actor.system(Origin.SCHEDULER), "retention.run", null, Outcome.OK);
 * </pre>
 */
@Component
public class Audit {

	/**
	 * Set on a request once something recorded it, so the generic per-request row of the
	 * security chain is not written twice.
	 */
	public static final String RECORDED = Audit.class.getName() + ".recorded";

	/** Sent by the dashboard's script, so its actions are told from other API clients. */
	public static final String CLIENT_HEADER = "X-Settle-Client";

	public static final String CORRELATION_HEADER = "X-Correlation-Id";

	private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final boolean serving;

	Audit(JdbcClient jdbc, Clock clock, @Value("${settle.serve.enabled:false}") boolean serving) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.serving = serving;
	}

	/**
	 * An action of whoever is acting now: the signed-in person of the current request;
	 * outside a request, the OS user of the command line, or the service itself.
	 */
	public void record(String action, String target, Outcome outcome) {
		record(current(), action, target, outcome, null);
	}

	public void record(Actor actor, String action, String target, Outcome outcome) {
		record(actor, action, target, outcome, null);
	}

	/**
	 * @param detail why it was refused or denied, in words; never a token or a secret
	 */
	public void record(Actor actor, String action, String target, Outcome outcome, String detail) {
		jdbc.sql("""
				INSERT INTO audit_event (occurred_at, actor, actor_kind, role, action, target, outcome, origin, host,
				                         correlation_id, detail)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(OffsetDateTime.now(clock), clip(actor.name(), 200), actor.kind(), actor.role(), clip(action, 200),
					clip(CardNumbers.mask(target), 500), outcome.name(), actor.origin().name(), clip(actor.host(), 200),
					correlationId(), clip(CardNumbers.mask(detail), 500))
			.update();
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(RECORDED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
		}
	}

	/**
	 * Who is acting in this thread, as {@link #record(String, String, Outcome)} names
	 * them.
	 */
	public Actor current() {
		HttpServletRequest request = request();
		if (request == null) {
			return serving ? Actor.system(Origin.SCHEDULER) : Actor.commandLine();
		}
		Origin origin = "dashboard".equalsIgnoreCase(request.getHeader(CLIENT_HEADER)) ? Origin.DASHBOARD : Origin.API;
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
			return new Actor("anonymous", Actor.ANONYMOUS, null, origin, request.getRemoteAddr());
		}
		return new Actor(auth.getName(), kind(auth), role(auth), origin, request.getRemoteAddr());
	}

	private static String kind(Authentication auth) {
		if (auth.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal
				&& principal.getAttribute("actor_kind") instanceof String kind) {
			return kind;
		}
		return Actor.PERSON;
	}

	/**
	 * The highest role the authorities grant: the trail says what the person could do.
	 */
	private static String role(Authentication auth) {
		String best = null;
		for (String role : new String[] { "viewer", "operator", "admin" }) {
			String authority = "ROLE_" + role.toUpperCase(java.util.Locale.ROOT);
			if (auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals)) {
				best = role;
			}
		}
		return best;
	}

	private static HttpServletRequest request() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
				? servlet.getRequest() : null;
	}

	/**
	 * The caller's own correlation id when it sent a plain one, so its logs and the trail
	 * meet; else one per request (or per call outside a request).
	 */
	private static String correlationId() {
		HttpServletRequest request = request();
		if (request == null) {
			return UUID.randomUUID().toString();
		}
		if (request.getAttribute(CORRELATION_HEADER) instanceof String id) {
			return id;
		}
		String sent = request.getHeader(CORRELATION_HEADER);
		String id = sent != null && PLAIN_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
		request.setAttribute(CORRELATION_HEADER, id);
		return id;
	}

	private static String clip(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

}
