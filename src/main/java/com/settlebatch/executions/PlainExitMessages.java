package com.settlebatch.executions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Stores why a step failed instead of the stack trace Spring Batch puts in its
 * EXIT_MESSAGE ("org.springframework.batch.core.step.FatalStepExecutionException: Unable
 * to process chunk", then frames, cut at 2,500 characters before the cause), which is
 * what {@code settle execution}, the API and the dashboard show. A listener cannot do it:
 * Spring Batch only appends what {@code afterStep} returns to the trace, then stores the
 * step. So every update of a step execution goes through here, in whichever process runs
 * the step (a remote worker too): each failure's trace in the exit description becomes
 * its reason ({@link FailureReason#of(Throwable)}), the rest of the description stays.
 * The trace stays in the log, where Spring Batch writes it as the step fails.
 */
@Component
class PlainExitMessages implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JobRepository)) {
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.addAdvice(new PlainOnUpdate());
		return proxy.getProxy();
	}

	/** Before {@code update(StepExecution)} and {@code update(JobExecution)}. */
	private static final class PlainOnUpdate implements MethodInterceptor {

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			if (invocation.getMethod().getName().equals("update") && invocation.getArguments().length == 1) {
				if (invocation.getArguments()[0] instanceof StepExecution step) {
					step.setExitStatus(plain(step.getExitStatus(), step.getFailureExceptions()));
				}
				else if (invocation.getArguments()[0] instanceof JobExecution job) {
					job.setExitStatus(plain(job.getExitStatus(), job.getAllFailureExceptions()));
				}
			}
			return invocation.proceed();
		}

	}

	/** The exit status with each failure's trace replaced by its reason. */
	static ExitStatus plain(ExitStatus status, Collection<Throwable> failures) {
		String description = status.getExitDescription();
		if (description == null || description.isEmpty() || failures.isEmpty()) {
			return status;
		}
		String plain = description;
		for (Throwable failure : failures) {
			String reason = FailureReason.of(failure);
			plain = plain.replace(trace(failure), reason);
			// Spring Batch joins what each listener returns, often the step's own exit
			// status again: the reason once is enough.
			while (plain.contains(reason + "; " + reason)) {
				plain = plain.replace(reason + "; " + reason, reason);
			}
		}
		if (plain.contains("\n\tat ")) {
			// A trace that is not one of the step's failures' as printed now: the
			// reasons alone, rather than frames.
			plain = String.join("; ", failures.stream().map(FailureReason::of).distinct().toList());
		}
		return plain.equals(description) ? status : new ExitStatus(status.getExitCode(), plain);
	}

	/** A failure's trace as Spring Batch writes it into an exit description. */
	private static String trace(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

}
