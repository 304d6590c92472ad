package com.settlebatch.drop;

import java.io.File;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.integration.file.FileHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageHandlingException;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class DropErrorHandlerTests {

	private final File file = new File("/drop/a.csv");

	private final DropFolderFilter filter = mock(DropFolderFilter.class);

	@Test
	void aFileThatCouldNotBeLaunchedIsGivenBackForTheNextScan() {
		new DropErrorHandler(filter).handleError(failure(new DataAccessResourceFailureException("database down")));

		verify(filter).remove(file);
	}

	@Test
	void aFileWhoseImportIsRunningAlreadyIsNotRetriedEveryScan() {
		new DropErrorHandler(filter).handleError(failure(new JobExecutionAlreadyRunningException("running")));

		verify(filter, never()).remove(file);
	}

	private MessageHandlingException failure(Exception cause) {
		return new MessageHandlingException(
				MessageBuilder.withPayload("request").setHeader(FileHeaders.ORIGINAL_FILE, file).build(), cause);
	}

}
