package com.settlebatch.drop;

import java.io.File;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.file.FileHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.util.ErrorHandler;

/**
 * A file whose import could not be launched (database unreachable, say) is given back to
 * the filter, so the next scan tries it again. Not when its import is running already:
 * another process has it, or a killed one left it STARTED, and retrying every scan would
 * change nothing.
 */
class DropErrorHandler implements ErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(DropErrorHandler.class);

	private final DropFolderFilter filter;

	DropErrorHandler(DropFolderFilter filter) {
		this.filter = filter;
	}

	@Override
	public void handleError(Throwable failure) {
		Message<?> message = failure instanceof MessagingException messaging ? messaging.getFailedMessage() : null;
		File file = message == null ? null : message.getHeaders().get(FileHeaders.ORIGINAL_FILE, File.class);
		if (file == null) {
			log.error("the file-drop watcher failed", failure);
			return;
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		if (cause instanceof JobExecutionAlreadyRunningException) {
			log.warn(
					"{} is being imported already: {}; not tried again until it changes (if its process was "
							+ "killed: `settle recover` and `settle restart` the execution)",
					file.getName(), cause.getMessage());
			return;
		}
		filter.remove(file);
		log.warn("cannot import {} now: {}; it is tried again at the next scan", file.getName(), cause.getMessage());
		log.debug("launch failure of {}", file.getName(), failure);
	}

}
