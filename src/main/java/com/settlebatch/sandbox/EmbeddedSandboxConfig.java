package com.settlebatch.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import com.settlebatch.gateway.GatewayEndpoint;
import com.settlebatch.gateway.GatewayProperties;

/**
 * The sandbox gateway started in this process, for the demo, {@code make run} and the
 * tests: only when switched on with {@code settle.sandbox.embedded=true}
 * ({@code SETTLE_SANDBOX_EMBEDDED=true}), so that a deployment that forgets
 * {@code settle.gateway.base-url} is refused instead of settling against a fake. It gives
 * the gateway client its endpoint and credentials; a base-url, when set, still wins and
 * the sandbox is not started.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(EmbeddedSandboxConfig.SWITCH)
class EmbeddedSandboxConfig {

	static final String SWITCH = "settle.sandbox.embedded";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedSandboxConfig.class);

	/**
	 * Started only when a job needs the gateway, so that status commands stay quick. It
	 * enforces the client's own throttle, so any run against it proves the client never
	 * trips the real one.
	 */
	@Bean(destroyMethod = "close")
	@Lazy
	SandboxGateway embeddedSandbox(GatewayProperties properties) {
		SandboxSettings settings = SandboxSettings.defaults();
		SandboxGateway sandbox = SandboxGateway.start(new SandboxSettings(0, properties.appId(),
				orRandom(properties.appToken()), orRandom(properties.clientSecret()), Set.of(),
				throttleOf(properties.throttle()), settings.latency(), settings.seed()));
		log.info("embedded sandbox gateway listening on {}", sandbox.baseUrl());
		return sandbox;
	}

	@Bean
	@Lazy
	GatewayEndpoint embeddedSandboxEndpoint(SandboxGateway embeddedSandbox) {
		return new GatewayEndpoint(embeddedSandbox.baseUrl(), embeddedSandbox.settings().appToken(),
				embeddedSandbox.settings().clientSecret());
	}

	/**
	 * What the embedded sandbox enforces: the client's own limits, so a run against it
	 * proves the client keeps to them.
	 */
	private static SandboxSettings.Throttle throttleOf(GatewayProperties.Throttle throttle) {
		return new SandboxSettings.Throttle(throttle.appLimit(), throttle.endpointLimit(), throttle.accountLimit(),
				throttle.window());
	}

	/**
	 * A sandbox needs credentials too; when none are configured it gets a fresh random
	 * pair per process.
	 */
	private static String orRandom(String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
