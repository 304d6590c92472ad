package com.settlebatch.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads and validates a file's rows on a thread of its own, at most one chunk ahead of
 * the step, so that the next chunk is parsed and checked while the database stores the
 * current one (on PostgreSQL the step would otherwise wait for each chunk's COPY with the
 * file untouched, and the server would wait for the file in turn). To Spring Batch it is
 * the step's reader and its processor, in the order it reads: a row's reading failure is
 * thrown by {@link #read()} (a read skip), its validation failure by {@link #process} (a
 * process skip), exactly as without it.
 *
 * <p>
 * The position saved for a restart is the count of rows handed to the step, under the
 * file reader's own key, so a restart resumes after the last committed chunk whatever had
 * been read ahead. A row the step reads without processing it (Spring Batch re-positions
 * a restarted reader after a chunk scan that way) is validated again if it is processed
 * later.
 */
class ReadAhead implements ItemStreamReader<InputRow>, ItemProcessor<InputRow, ValidPayment> {

	/**
	 * A row and its validation (a {@link ValidPayment} or the exception to throw), or a
	 * reading failure, or (both null) the end of the file.
	 */
	private record Ahead(InputRow row, Object validated, Exception readFailure) {

		static final Ahead END = new Ahead(null, null, null);

	}

	private final AbstractPaymentFileReader file;

	private final PaymentRowValidator validator = new PaymentRowValidator();

	private final BlockingQueue<Ahead> ahead;

	/** Handed out by {@link #read()} and not processed yet: the step's thread only. */
	private final Deque<Ahead> handedOut = new ArrayDeque<>();

	private Thread reader;

	private int delivered;

	private boolean ended;

	/** A reading failure that is not a rejected row: the file cannot be read on. */
	private Exception broken;

	ReadAhead(AbstractPaymentFileReader file, int rowsAhead) {
		this.file = file;
		this.ahead = new ArrayBlockingQueue<>(rowsAhead);
	}

	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		// On a restart the file reader skips to the saved row here, before the thread
		// starts.
		file.open(executionContext);
		delivered = executionContext.getInt(positionKey(), 0);
		reader = new Thread(this::readAhead, "import-read-ahead");
		reader.setDaemon(true);
		reader.start();
	}

	@Override
	public InputRow read() throws Exception {
		if (broken != null) {
			throw broken;
		}
		if (ended) {
			return null;
		}
		Ahead next = ahead.take();
		if (next == Ahead.END) {
			ended = true;
			return null;
		}
		delivered++;
		if (next.readFailure() != null) {
			if (!(next.readFailure() instanceof RejectedRowException)) {
				broken = next.readFailure();
			}
			throw next.readFailure();
		}
		handedOut.addLast(next);
		return next.row();
	}

	@Override
	public ValidPayment process(InputRow row) {
		Ahead next;
		while ((next = handedOut.pollFirst()) != null) {
			if (next.row() == row) {
				if (next.validated() instanceof RuntimeException problem) {
					throw problem;
				}
				return (ValidPayment) next.validated();
			}
		}
		return validator.process(row);
	}

	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		executionContext.putInt(positionKey(), delivered);
	}

	@Override
	public void close() throws ItemStreamException {
		if (reader != null) {
			reader.interrupt();
			try {
				reader.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			reader = null;
		}
		ahead.clear();
		handedOut.clear();
		file.close();
	}

	private String positionKey() {
		return file.getExecutionContextKey("read.count");
	}

	/**
	 * The thread's loop: every row, rejected or not, is one item, as the file reader
	 * counts them; a failure that is not a rejected row ends the reading (the step fails
	 * on it).
	 */
	private void readAhead() {
		try {
			while (true) {
				InputRow row;
				try {
					row = file.read();
				}
				catch (RejectedRowException rejected) {
					ahead.put(new Ahead(null, null, rejected));
					continue;
				}
				catch (Exception failure) {
					ahead.put(new Ahead(null, null, failure));
					return;
				}
				if (row == null) {
					ahead.put(Ahead.END);
					return;
				}
				ahead.put(new Ahead(row, validate(row), null));
			}
		}
		catch (InterruptedException closing) {
			// The step closed the reader: nothing more to read.
		}
		catch (RuntimeException | Error bug) {
			ahead.offer(new Ahead(null, null, new IllegalStateException("reading ahead failed: " + bug, bug)));
		}
	}

	private Object validate(InputRow row) {
		try {
			return validator.process(row);
		}
		catch (RuntimeException problem) {
			return problem;
		}
	}

}
