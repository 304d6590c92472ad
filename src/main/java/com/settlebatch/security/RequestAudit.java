package com.settlebatch.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Outcome;

/**
 * One audit row per state-changing request that the rules let through, written once the
 * answer is known: OK below 400, else REFUSED with its status. By method, like the rules,
 * so an endpoint added later is audited without anyone remembering to. A handler that
 * records its own row (in the transaction of its change) is not recorded twice: the batch
 * and draft-payment edits ({@code audit.AuditedChanges}), tokens, a reconciliation
 * resolution. What stays here: the job controls (restart, stop), which
 * {@code JobOperator} commits in steps of its own, so their row follows them; and a
 * request refused before it reached its change (a malformed body, a batch no longer
 * DRAFT).
 */
class RequestAudit extends OncePerRequestFilter {

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	private final Audit audit;

	RequestAudit(Audit audit) {
		this.audit = audit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return READS.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			record(request, 500);
			throw ex;
		}
		record(request, response.getStatus());
	}

	private void record(HttpServletRequest request, int status) {
		if (request.getAttribute(Audit.RECORDED) != null) {
			return;
		}
		String path = SecurityErrors.path(request);
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String action = request.getMethod() + " " + (pattern instanceof String template ? template : path);
		boolean ok = status < 400;
		audit.record(audit.current(), action, path, ok ? Outcome.OK : Outcome.REFUSED, ok ? null : "HTTP " + status);
	}

}
