package com.settlebatch.drop;

import java.io.File;
import java.time.Clock;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.integration.launch.JobLaunchingGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.file.FileHeaders;
import org.springframework.integration.file.dsl.Files;

import com.settlebatch.audit.Audit;
import com.settlebatch.ingest.FileImporter;
import com.settlebatch.ingest.InputFolder;
import com.settlebatch.ingest.InputProperties;
import com.settlebatch.ops.JobControl;

/**
 * The file-drop watcher of {@code settle serve}: polls the drop folder, turns each
 * complete file into a launch request and launches the import job through
 * spring-batch-integration. One poller imports one file at a time, so the imports of a
 * node never compete with each other. On in {@code settle serve}
 * ({@code settle.serve.enabled}) unless {@code settle.input.watch=false}, e.g. on all but
 * one node of a shared folder; {@code settle.input.watch=true} turns it on alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${settle.input.watch:${settle.serve.enabled:false}}")
class FileDropConfig {

	/** The adapter's bean name, to stop and start the watcher (management, tests). */
	static final String ADAPTER = "fileDropAdapter";

	@Bean
	DropFolderFilter dropFolderFilter(InputFolder folder, InputProperties properties) {
		return new DropFolderFilter(folder, properties.requireDoneMarker(),
				new QuietFiles(properties.settleTime(), System::nanoTime));
	}

	@Bean
	IntegrationFlow fileDropFlow(InputFolder folder, InputProperties properties, DropFolderFilter filter,
			FileImporter importer, @Qualifier("importJob") Job importJob, JobOperator jobOperator,
			JobControl jobControl, Clock clock, Audit audit) {
		FileMessageToJobRequest toRequest = new FileMessageToJobRequest(importer, importJob, folder,
				properties.requireDoneMarker());
		ImportOutcome outcome = new ImportOutcome(folder, jobControl, clock, properties, audit);
		return IntegrationFlow
			.from(Files.inboundAdapter(folder.dir().toFile()).filter(filter).ignoreHidden(false),
					adapter -> adapter.id(ADAPTER)
						.poller(Pollers.fixedDelay(properties.pollInterval())
							.maxMessagesPerPoll(properties.maxFilesPerPoll())
							.errorHandler(new DropErrorHandler(filter))))
			// A handler rather than a transformer: a duplicate yields no request, which
			// ends the message quietly.
			.handle(File.class, (file, headers) -> toRequest.toRequest(file))
			.handle(new JobLaunchingGateway(jobOperator))
			.handle(JobExecution.class, (execution, headers) -> {
				outcome.handle(execution, headers.get(FileHeaders.FILENAME, String.class));
				return null;
			})
			.get();
	}

}
