package com.settlebatch.alerts;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Puts {@link RunAlerts} on every job of the application, so that the jobs' own
 * configurations need not know of alerts (and a new job is watched as well).
 */
@Configuration(proxyBeanMethods = false)
class AlertsConfig {

	/**
	 * Static, and {@link RunAlerts} looked up only when a run ends: a post-processor
	 * created early must not drag the alert beans in before their time.
	 */
	@Bean
	static BeanPostProcessor alertOnEveryJob(ObjectProvider<RunAlerts> runAlerts) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(new JobExecutionListener() {
						@Override
						public void afterJob(JobExecution execution) {
							runAlerts.getObject().afterJob(execution);
						}
					});
				}
				return bean;
			}
		};
	}

}
