package com.settlebatch.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
 *
 * <p>
 * Rows cross between the threads in blocks of {@value #BLOCK}: handed over one by one,
 * every row the step took woke the reading thread to put the next one (and the other way
 * round once the queue ran dry), two thread switches a row on two busy cores.
 */
class ReadAhead implements ItemStreamReader<InputRow>, ItemProcessor<InputRow, ValidPayment> {

	/**
	 * A row and its validation (a {@link ValidPayment} or the exception to throw), or a
	 * reading failure, or (both null) the end of the file.
	 */
	private record Ahead(InputRow row, Object validated, Exception readFailure) {

		static final Ahead END = new Ahead(null, null, null);

	}

	/** Rows per hand-over between the reading thread and the step. */
	static final int BLOCK = 250;

	private final AbstractPaymentFileReader file;

	private final PaymentRowValidator validator = new PaymentRowValidator();

	private final BlockingQueue<List<Ahead>> ahead;

	/** The block the step is reading from, and its next row: the step's thread only. */
	private List<Ahead> block = List.of();

	private int next;

	/** Handed out by {@link #read()} and not processed yet: the step's thread only. */
	private final Deque<Ahead> handedOut = new ArrayDeque<>();

	private Thread reader;

	private int delivered;

	private boolean ended;

	/** A reading failure that is not a rejected row: the file cannot be read on. */
	private Exception broken;

	ReadAhead(AbstractPaymentFileReader file, int rowsAhead) {
		this.file = file;
		this.ahead = new ArrayBlockingQueue<>(Math.max(1, rowsAhead / BLOCK));
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
		if (next == block.size()) {
			block = ahead.take();
			next = 0;
		}
		Ahead row = block.get(next++);
		if (row == Ahead.END) {
			ended = true;
			return null;
		}
		delivered++;
		if (row.readFailure() != null) {
			if (!(row.readFailure() instanceof RejectedRowException)) {
				broken = row.readFailure();
			}
			throw row.readFailure();
		}
		handedOut.addLast(row);
		return row.row();
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
		block = List.of();
		next = 0;
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
		List<Ahead> filling = new ArrayList<>(BLOCK);
		try {
			while (true) {
				Ahead row = readOne();
				filling.add(row);
				boolean last = row == Ahead.END
						|| row.readFailure() != null && !(row.readFailure() instanceof RejectedRowException);
				if (last || filling.size() == BLOCK) {
					ahead.put(filling);
					filling = new ArrayList<>(BLOCK);
				}
				if (last) {
					return;
				}
			}
		}
		catch (InterruptedException closing) {
			// The step closed the reader: nothing more to read.
		}
		catch (RuntimeException | Error bug) {
			filling.add(new Ahead(null, null, new IllegalStateException("reading ahead failed: " + bug, bug)));
			ahead.offer(filling);
		}
	}

	/** The next row, validated, or its reading failure, or the end of the file. */
	private Ahead readOne() {
		InputRow row;
		try {
			row = file.read();
		}
		catch (Exception failure) {
			return new Ahead(null, null, failure);
		}
		return row == null ? Ahead.END : new Ahead(row, validate(row), null);
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
