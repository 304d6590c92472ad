package com.settlebatch.cli;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

import com.settlebatch.alerts.AlertQueries;
import com.settlebatch.audit.Audit;
import com.settlebatch.audit.AuditLog;
import com.settlebatch.security.ApiTokens;
import com.settlebatch.batches.BatchQueries;
import com.settlebatch.executions.ExecutionQueries;

/**
 * The Spring context of the read-only commands ({@code status}, {@code execution},
 * {@code batches}, {@code batch}, {@code payments}, {@code audit}) and of {@code token},
 * which writes one small table: the database, its migrations, the query classes and a job
 * repository to read executions from; Flyway only when the schema is behind
 * ({@link SchemaCheck}). None of the jobs, the web server, the schedulers, the
 * integration flows, the broker or the gateway: a command that only reads should not wait
 * for them. Deliberately not a {@code @Configuration}, so the full application's
 * component scan never picks it up.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class })
@Import({ ExecutionQueries.class, BatchQueries.class, Audit.class, AuditLog.class, ApiTokens.class,
		AlertQueries.class })
class ReadOnlyContext {

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	/** Read through Spring Batch's own DAOs, as the full application reads them. */
	@Bean
	@Lazy // only `settle execution` reads through it
	JobRepository jobRepository(DataSource dataSource, PlatformTransactionManager transactionManager) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactionManager);
		factory.afterPropertiesSet();
		return factory.getObject();
	}

}
