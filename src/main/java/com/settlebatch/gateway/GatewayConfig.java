package com.settlebatch.gateway;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.sandbox.SandboxGateway;
import com.settlebatch.sandbox.SandboxSettings;

/**
 * The gateway client, pointed at the configured gateway, or at the built-in sandbox started
 * in-process on a free port when no {@code settle.gateway.base-url} is set.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfig {

	private static final Logger log = LoggerFactory.getLogger(GatewayConfig.class);

	/**
	 * Started only when a job needs the gateway, so that status commands stay quick. It enforces the
	 * client's own throttle, so any run against it proves the client never trips the real one.
	 */
	@Bean(destroyMethod = "close")
	@Lazy
	SandboxGateway embeddedSandbox(GatewayProperties properties) {
		SandboxSettings settings = SandboxSettings.defaults();
		SandboxGateway sandbox = SandboxGateway.start(new SandboxSettings(0, properties.appId(),
				orRandom(properties.appToken()), orRandom(properties.clientSecret()), Set.of(),
				properties.throttle().sandboxThrottle(), settings.latency(), settings.seed()));
		log.info("embedded sandbox gateway listening on {}", sandbox.baseUrl());
		return sandbox;
	}

	/**
	 * One per process: the gateway counts per app, endpoint and account, so all threads and clients
	 * share one budget. Its windows live in the database on PostgreSQL, which every node of a cluster
	 * shares, so the nodes together keep to the budget; in memory on H2, an embedded database only
	 * one node uses (see {@link GatewayProperties.Windows}).
	 */
	@Bean
	@Lazy
	SlidingWindowRateLimiter gatewayRateLimiter(GatewayProperties properties, DataSource dataSource,
			PlatformTransactionManager transactionManager) {
		GatewayProperties.Throttle throttle = properties.throttle();
		boolean shared = !throttle.off() && switch (throttle.windows()) {
			case DATABASE -> true;
			case MEMORY -> false;
			case AUTO -> DatabaseWindows.isPostgres(dataSource);
		};
		SlidingWindowRateLimiter limiter = !shared ? new SlidingWindowRateLimiter(throttle)
				: new SlidingWindowRateLimiter(throttle,
						new DatabaseWindows(dataSource, transactionManager, properties.appId(),
								SlidingWindowRateLimiter.span(throttle),
								// The latest the gateway can have received a request sent now.
								properties.connectTimeout().plus(properties.readTimeout()).plus(SlidingWindowRateLimiter.MARGIN)),
						SlidingWindowRateLimiter.TimeSource.SYSTEM);
		log.info("gateway throttle: {}", limiter.describe());
		return limiter;
	}

	@Bean
	@Lazy
	GatewayClient gatewayClient(GatewayProperties properties, ObjectProvider<SandboxGateway> sandbox,
			SlidingWindowRateLimiter gatewayRateLimiter) {
		if (!properties.embeddedSandbox()) {
			return new GatewayClient(properties, gatewayRateLimiter);
		}
		SandboxGateway gateway = sandbox.getObject();
		return new GatewayClient(properties.withEndpoint(gateway.baseUrl(), gateway.settings().appToken(),
				gateway.settings().clientSecret()), gatewayRateLimiter);
	}

	/** A sandbox needs credentials too; when none are configured it gets a fresh random pair per process. */
	private static String orRandom(String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
