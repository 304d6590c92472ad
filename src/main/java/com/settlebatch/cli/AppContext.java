package com.settlebatch.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.settlebatch.SettlementApplication;

/**
 * Starts the Spring application for the commands that need the database;
 * {@code settle sandbox} and {@code --help} never pay for it, and the read-only commands
 * pay only for the database ({@link #query}).
 */
final class AppContext {

	private static final List<ConfigurableApplicationContext> open = new ArrayList<>();

	/** The lean contexts among {@link #open}: they hold no job and no service. */
	private static final Set<ConfigurableApplicationContext> readOnly = new HashSet<>();

	private AppContext() {
	}

	static synchronized ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SettlementApplication.class).run();
		open.add(context);
		return context;
	}

	/**
	 * A bean of a read-only command: from the context already open (a command that ran a
	 * job and prints it), else from a lean one that starts only the database
	 * ({@link ReadOnlyContext}).
	 */
	static <T> T query(Class<T> type) {
		ConfigurableApplicationContext context;
		synchronized (AppContext.class) {
			if (open.isEmpty()) {
				ConfigurableApplicationContext lean = readOnlyContext(false);
				if (!schemaCurrent(lean)) {
					// A new or older database: migrate first, as every command always
					// did.
					lean.close();
					lean = readOnlyContext(true);
				}
				open.add(lean);
				readOnly.add(lean);
			}
			context = open.get(open.size() - 1);
		}
		return context.getBean(type);
	}

	private static ConfigurableApplicationContext readOnlyContext(boolean migrate) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ReadOnlyContext.class);
		if (!migrate) {
			builder.properties("spring.flyway.enabled=false");
		}
		return builder.run();
	}

	private static boolean schemaCurrent(ConfigurableApplicationContext context) {
		return SchemaCheck.current(context.getBean(JdbcClient.class), context.getEnvironment(),
				context.getBean(DataSourceProperties.class).determineUrl());
	}

	static <T> T bean(Class<T> type) {
		ConfigurableApplicationContext context;
		synchronized (AppContext.class) {
			context = open.isEmpty() || readOnly.contains(open.get(open.size() - 1)) ? start()
					: open.get(open.size() - 1);
		}
		return context.getBean(type);
	}

	/**
	 * Whether a command reached the database: refused before that, it changed nothing.
	 */
	static synchronized boolean anyOpen() {
		return !open.isEmpty();
	}

	static synchronized void closeAll() {
		open.forEach(ConfigurableApplicationContext::close);
		open.clear();
		readOnly.clear();
	}

}
