package com.settlebatch.settlement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Sizes the connection pool for the settlement threads before it opens: each partition
 * thread holds its chunk's transaction and, inside it, the first-send stamp's (or an
 * outcome's) own one, and the job repository, the lease heartbeats and the manager's
 * polling need a few more. A pool configured smaller (Hikari's default is 10) is raised
 * to {@code 2 x threads + 4} and says so; a larger one is left as it is. Too small a pool
 * does not fail: threads wait for connections held by threads that wait for connections,
 * until Hikari's time-out.
 */
class ConnectionPoolSizing implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(ConnectionPoolSizing.class);

	private final Environment environment;

	ConnectionPoolSizing(Environment environment) {
		this.environment = environment;
	}

	static int needed(int threads) {
		return 2 * threads + 4;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool) {
			// Bound here rather than injected: a post-processor is made before the
			// properties beans.
			int threads = Binder.get(environment)
				.bindOrCreate("settle.jobs.settlement", SettlementJobProperties.class)
				.partitioning()
				.threads();
			if (pool.getMaximumPoolSize() < needed(threads)) {
				log.info("connection pool raised from {} to {} for {} settlement thread(s)", pool.getMaximumPoolSize(),
						needed(threads), threads);
				pool.setMaximumPoolSize(needed(threads));
			}
		}
		return bean;
	}

}
