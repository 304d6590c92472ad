package com.settlebatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.settlebatch.audit.Actor;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.Outcome;
import com.settlebatch.refusal.RefusedException;

/**
 * The per-person bearer tokens: the one class that writes {@code api_token}. A token is
 * shown once, when made; only its SHA-256 is stored. A token is 256 random bits, so the
 * hash cannot be searched back, and a fast hash lets every request be checked by one
 * index lookup (bcrypt's slowness protects guessable passwords, which these are not, and
 * would cost every request its time). Each change is audited in its own transaction.
 */
@Component
public class ApiTokens {

	/** Tells a product token from a JWT at a glance, and in a leaked-secret scan. */
	static final String PREFIX = "settle_";

	private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	private static final Pattern VALIDITY = Pattern.compile("([0-9]{1,5})([hd])");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Audit audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	ApiTokens(JdbcClient jdbc, Audit audit, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** A token as made: the only time {@code token} is known. */
	public record NewToken(String id, String user, String role,
			@Schema(nullable = true, format = "date-time") OffsetDateTime expires, String token) {

		@Override
		public String toString() {
			return "NewToken[id=" + id + ", user=" + user + ", role=" + role + ", expires=" + expires + "]";
		}

	}

	/** A stored token, without any part of its secret. */
	public record TokenInfo(String id, String user, String role, OffsetDateTime created, String createdBy,
			@Schema(nullable = true) OffsetDateTime expires, @Schema(nullable = true) OffsetDateTime revoked,
			@Schema(allowableValues = {
					"active", "expired", "revoked" }) String status){
	}

	/** Who a valid token signs in. */
	record Holder(String id, String user, Role role) {
	}

	/**
	 * @param validity {@code 90d}, {@code 12h} or {@code never}; null for 90 days
	 */
	public NewToken create(String user, String role, String validity, Actor by) {
		if (user == null || !USER.matcher(user).matches()) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					"user must be 1 to 100 letters, digits, '.', '_', '@' or '-'");
		}
		Role granted = Role.of(role);
		OffsetDateTime now = OffsetDateTime.now(clock);
		Duration valid = validity(validity);
		OffsetDateTime expires = valid == null ? null : now.plus(valid);
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		byte[] idBytes = new byte[6];
		RANDOM.nextBytes(idBytes);
		String id = "tok_" + HexFormat.of().formatHex(idBytes);
		transaction.executeWithoutResult(status -> {
			jdbc.sql("""
					INSERT INTO api_token (id, user_name, role, token_hash, created_at, created_by, expires_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(id, user, granted.word(), hash(token), now, by.name(), expires)
				.update();
			audit.record(by, "token.create", id + " for " + user + " as " + granted.word(), Outcome.OK);
		});
		return new NewToken(id, user, granted.word(), expires, token);
	}

	public List<TokenInfo> list() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("""
				SELECT id, user_name, role, created_at, created_by, expires_at, revoked_at
				FROM api_token ORDER BY created_at, id""").query((rs, n) -> {
			OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
			OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
			String status = revoked != null ? "revoked"
					: expires != null && !expires.isAfter(now) ? "expired" : "active";
			return new TokenInfo(rs.getString("id"), rs.getString("user_name"), rs.getString("role"),
					rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"), expires, revoked,
					status);
		}).list();
	}

	/** Signs nobody in from now on; an unknown or already revoked id is NOT_FOUND. */
	public void revoke(String id, Actor by) {
		transaction.executeWithoutResult(status -> {
			int revoked = jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
				.params(OffsetDateTime.now(clock), id)
				.update();
			if (revoked == 0) {
				throw new RefusedException(RefusedException.Kind.NOT_FOUND, "no active token " + id);
			}
			audit.record(by, "token.revoke", id, Outcome.OK);
		});
	}

	/** How many tokens sign somebody in now: none means nobody can use the API yet. */
	public long active() {
		return jdbc.sql("""
				SELECT COUNT(*) FROM api_token
				WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)""")
			.param(OffsetDateTime.now(clock))
			.query(Long.class)
			.single();
	}

	/** The holder of a token that is neither expired nor revoked. */
	Optional<Holder> holder(String token) {
		return jdbc.sql("""
				SELECT id, user_name, role FROM api_token
				WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)""")
			.params(hash(token), OffsetDateTime.now(clock))
			.query((rs, n) -> new Holder(rs.getString("id"), rs.getString("user_name"), Role.of(rs.getString("role"))))
			.optional();
	}

	private static Duration validity(String text) {
		if (text == null || text.isBlank()) {
			return Duration.ofDays(90);
		}
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.equals("never")) {
			return null;
		}
		Matcher matcher = VALIDITY.matcher(value);
		if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT,
					"expires must be a number of days or hours (90d, 12h) or never, not '" + text + "'");
		}
		long amount = Long.parseLong(matcher.group(1));
		return matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
