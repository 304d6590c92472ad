package com.settlebatch.gateway;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.sql.Databases;

/**
 * The gateway client, pointed at the configured {@code settle.gateway.base-url}, or, when
 * none is set, at the {@link GatewayEndpoint} a gateway started in this process provides
 * (the embedded sandbox, only when switched on: a deployment that forgets the URL must
 * not settle against a fake).
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfig {

	private static final Logger log = LoggerFactory.getLogger(GatewayConfig.class);

	/**
	 * One per process: the gateway counts per app, endpoint and account, so all threads
	 * and clients share one budget. Its windows live in the database on PostgreSQL, which
	 * every node of a cluster shares, so the nodes together keep to the budget; in memory
	 * on H2, an embedded database only one node uses (see
	 * {@link GatewayProperties.Windows}).
	 */
	@Bean
	@Lazy
	SlidingWindowRateLimiter gatewayRateLimiter(GatewayProperties properties, DataSource dataSource,
			PlatformTransactionManager transactionManager) {
		GatewayProperties.Throttle throttle = properties.throttle();
		boolean shared = !throttle.off() && switch (throttle.windows()) {
			case DATABASE -> true;
			case MEMORY -> false;
			case AUTO -> Databases.isPostgres(dataSource);
		};
		SlidingWindowRateLimiter limiter = !shared ? new SlidingWindowRateLimiter(throttle)
				: new SlidingWindowRateLimiter(throttle,
						new DatabaseWindows(dataSource, transactionManager, properties.appId(),
								SlidingWindowRateLimiter.span(throttle),
								// The latest the gateway can have received a request sent
								// now.
								properties.connectTimeout()
									.plus(properties.readTimeout())
									.plus(SlidingWindowRateLimiter.MARGIN)),
						SlidingWindowRateLimiter.TimeSource.SYSTEM);
		log.info("gateway throttle: {}", limiter.describe());
		return limiter;
	}

	@Bean
	@Lazy
	GatewayClient gatewayClient(GatewayProperties properties, ObjectProvider<GatewayEndpoint> embedded,
			SlidingWindowRateLimiter gatewayRateLimiter) {
		if (properties.hasBaseUrl()) {
			return new GatewayClient(properties, gatewayRateLimiter);
		}
		// The commands that settle refuse to start without either (README,
		// "Configuration"); this is the last guard for any other way in.
		GatewayEndpoint endpoint = embedded.getIfAvailable(() -> {
			throw new IllegalStateException(
					"no payment gateway: settle.gateway.base-url is empty and no embedded gateway is switched on");
		});
		return new GatewayClient(properties.at(endpoint), gatewayRateLimiter);
	}

	/**
	 * Reconciliation's list of charges: the same gateway, credentials and throttle as
	 * {@link #gatewayClient}.
	 */
	@Bean
	@Lazy
	ChargeListClient chargeListClient(GatewayProperties properties, ObjectProvider<GatewayEndpoint> embedded,
			SlidingWindowRateLimiter gatewayRateLimiter) {
		if (properties.hasBaseUrl()) {
			return new ChargeListClient(properties, gatewayRateLimiter);
		}
		GatewayEndpoint endpoint = embedded.getIfAvailable(() -> {
			throw new IllegalStateException(
					"no payment gateway: settle.gateway.base-url is empty and no embedded gateway is switched on");
		});
		return new ChargeListClient(properties.at(endpoint), gatewayRateLimiter);
	}

}
