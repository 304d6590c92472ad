package com.settlebatch.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.settlebatch.FunctionalTestSupport;
import com.settlebatch.audit.Actor;

/**
 * The whole application as {@code settle serve} runs it, with both ways to sign in: the
 * product's tokens and JWTs of an identity provider, here a JDK HTTP server serving the
 * public half of a test RSA key as its JWK set. One context for every security test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@TestPropertySource(properties = { "spring.main.web-application-type=servlet",
		"settle.auth.service-account.token=" + SecurityTestSupport.SERVICE_TOKEN,
		"settle.auth.service-account.name=nightly-pipeline", "settle.auth.service-account.role=operator" })
abstract class SecurityTestSupport extends FunctionalTestSupport {

	static final String SERVICE_TOKEN = "service-token-7f3a1c9e";

	static final KeyPair IDP_KEY = rsa();

	private static final HttpServer IDP = jwkSetServer();

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected ApiTokens apiTokens;

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("settle.auth.jwt.jwk-set-uri",
				() -> "http://127.0.0.1:" + IDP.getAddress().getPort() + "/jwks.json");
	}

	/** A person's own token, made as {@code settle token create} makes it. */
	protected String person(String user, String role) {
		return apiTokens.create(user, role, "1d", Actor.commandLine()).token();
	}

	/** A JWT as the identity provider would sign it, valid for five minutes. */
	static String jwt(Map<String, Object> claims) {
		return jwt(IDP_KEY, claims, Instant.now().plusSeconds(300));
	}

	static String jwt(KeyPair key, Map<String, Object> claims, Instant expires) {
		JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issueTime(new Date()).expirationTime(Date.from(expires));
		claims.forEach(set::claim);
		SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), set.build());
		try {
			signed.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return signed.serialize();
	}

	static Map<String, Object> claims(String sub, String user, List<String> roles) {
		return user == null ? Map.of("sub", sub, "roles", roles)
				: Map.of("sub", sub, "preferred_username", user, "roles", roles);
	}

	static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer jwkSetServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] body = new JWKSet(new RSAKey.Builder((RSAPublicKey) IDP_KEY.getPublic()).keyID("test").build())
				.toString()
				.getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks.json", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.setExecutor(null);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long lastAuditId() {
		return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
	}

	long auditRows(String where, Object... params) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE " + where).params(params).query(Long.class).single();
	}

}
