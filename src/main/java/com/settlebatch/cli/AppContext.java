package com.settlebatch.cli;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.settlebatch.SettlementApplication;

/**
 * Starts the Spring application for the commands that need the database;
 * {@code settle sandbox} and {@code --help} never pay for it.
 */
final class AppContext {

	private static final List<ConfigurableApplicationContext> open = new ArrayList<>();

	private AppContext() {
	}

	static synchronized ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SettlementApplication.class).run();
		open.add(context);
		return context;
	}

	static <T> T bean(Class<T> type) {
		ConfigurableApplicationContext context;
		synchronized (AppContext.class) {
			context = open.isEmpty() ? start() : open.get(open.size() - 1);
		}
		return context.getBean(type);
	}

	static synchronized void closeAll() {
		open.forEach(ConfigurableApplicationContext::close);
		open.clear();
	}

}
