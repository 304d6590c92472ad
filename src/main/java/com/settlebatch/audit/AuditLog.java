package com.settlebatch.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.settlebatch.refusal.RefusedException;

/** Reads the audit trail, newest first. */
@Component
public class AuditLog {

	public static final int MAX_LIMIT = 1000;

	private static final Pattern AGO = Pattern.compile("([0-9]{1,6})([mhd])");

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param since the oldest time wanted, or null for any
	 * @param user one actor only, or null for everybody
	 */
	public List<AuditEvent> list(OffsetDateTime since, String user, int limit) {
		return jdbc.sql("""
				SELECT id, occurred_at, actor, actor_kind, role, action, target, outcome, origin, host,
				       correlation_id, detail
				FROM audit_event
				WHERE (CAST(:since AS TIMESTAMP WITH TIME ZONE) IS NULL OR occurred_at >= :since)
				  AND (CAST(:user AS VARCHAR(200)) IS NULL OR actor = :user)
				ORDER BY id DESC
				LIMIT :limit""")
			.param("since", since)
			.param("user", user)
			.param("limit", Math.min(Math.max(limit, 1), MAX_LIMIT))
			.query((rs, n) -> new AuditEvent(rs.getLong("id"),
					rs.getObject("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
					rs.getString("actor"), rs.getString("actor_kind"), rs.getString("role"), rs.getString("action"),
					rs.getString("target"), Outcome.valueOf(rs.getString("outcome")),
					Origin.valueOf(rs.getString("origin")), rs.getString("host"), rs.getString("correlation_id"),
					rs.getString("detail")))
			.list();
	}

	/**
	 * {@code --since} and {@code ?since=}: a date ({@code 2026-12-01}, from its start in
	 * UTC), a time with its offset, or an age ({@code 30m}, {@code 24h}, {@code 7d}).
	 */
	public OffsetDateTime since(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
		if (ago.matches()) {
			long amount = Long.parseLong(ago.group(1));
			Duration age = switch (ago.group(2)) {
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
			return OffsetDateTime.now(clock).minus(age);
		}
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC)
					: OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					"since must be a date (2026-12-01), a time with its offset "
							+ "(2026-12-01T08:00:00Z) or an age (30m, 24h, 7d), not '" + value + "'");
		}
	}

}
