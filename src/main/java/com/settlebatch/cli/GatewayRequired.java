package com.settlebatch.cli;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

import com.settlebatch.refusal.RefusedException;

/**
 * The commands that settle ({@code run}, {@code settle}, {@code restart}, {@code serve},
 * {@code worker}) refuse to start while the configuration names no gateway: neither
 * {@code settle.gateway.base-url} nor the embedded sandbox's switch. The configuration is
 * read as the application will read it (application.yml, {@code jobs/*.yml}, profiles,
 * system properties, the environment) but before any application context starts, so that
 * {@code serve} and {@code worker} schedule, serve or take nothing first. The commands
 * that only read or import never ask.
 */
final class GatewayRequired {

	static final String MESSAGE = "no payment gateway is configured: set SETTLE_GATEWAY_BASE_URL "
			+ "(settle.gateway.base-url) with SETTLE_GATEWAY_APP_TOKEN and SETTLE_GATEWAY_CLIENT_SECRET, "
			+ "or, for a demo that pays nothing, SETTLE_SANDBOX_EMBEDDED=true (settle.sandbox.embedded) "
			+ "to settle against the embedded sandbox gateway";

	private GatewayRequired() {
	}

	static void check() {
		ConfigurableEnvironment environment = new StandardEnvironment();
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		Binder binder = Binder.get(environment);
		boolean baseUrl = !binder.bind("settle.gateway.base-url", String.class).orElse("").isBlank();
		boolean sandbox = binder.bind("settle.sandbox.embedded", Boolean.class).orElse(false);
		if (!baseUrl && !sandbox) {
			throw new RefusedException(RefusedException.Kind.BAD_INPUT, MESSAGE);
		}
	}

}
