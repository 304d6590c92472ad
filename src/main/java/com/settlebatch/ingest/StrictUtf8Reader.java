package com.settlebatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and fails on the first malformed byte instead of inventing U+FFFD, which
 * would silently change amounts and ids. A JDK {@code InputStreamReader} decodes whole
 * blocks ahead of the CSV parser, so it cannot say on which line the bad bytes are; this
 * reader counts lines itself while decoding. A leading byte order mark is dropped.
 */
final class StrictUtf8Reader extends Reader {

	/** The input is not UTF-8; carries where, for the message to people. */
	static final class InvalidUtf8Exception extends IOException {

		private final long line;

		InvalidUtf8Exception(long line, long byteOffset) {
			super("is not valid UTF-8 at line " + line + " (byte offset " + byteOffset + ")");
			this.line = line;
		}

		long line() {
			return line;
		}

	}

	private static final int BUFFER_SIZE = 8192;

	private final InputStream in;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();

	private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();

	private long bytesBeforeBuffer;

	private long completedLines;

	private boolean previousWasCr;

	private boolean endOfInput;

	private boolean started;

	StrictUtf8Reader(InputStream in) {
		this.in = in;
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (!chars.hasRemaining()) {
			if (!fill()) {
				return -1;
			}
		}
		int count = Math.min(length, chars.remaining());
		chars.get(target, offset, count);
		return count;
	}

	/**
	 * @return false at the end of the input
	 */
	private boolean fill() throws IOException {
		if (endOfInput && !bytes.hasRemaining()) {
			return false;
		}
		chars.clear();
		try {
			while (chars.position() == 0) {
				CoderResult result = decoder.decode(bytes, chars, endOfInput);
				if (result.isError()) {
					countLines(0, chars.position());
					throw new InvalidUtf8Exception(completedLines + 1, bytesBeforeBuffer + bytes.position());
				}
				if (result.isUnderflow()) {
					if (endOfInput) {
						decoder.flush(chars);
						break;
					}
					readBytes();
				}
			}
		}
		finally {
			chars.flip();
		}
		countLines(chars.position(), chars.limit());
		if (!started && chars.hasRemaining()) {
			started = true;
			if (chars.get(chars.position()) == '\uFEFF') {
				chars.get();
			}
		}
		return chars.hasRemaining() || !endOfInput || bytes.hasRemaining();
	}

	private void readBytes() throws IOException {
		bytesBeforeBuffer += bytes.position();
		bytes.compact();
		int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
		if (read < 0) {
			endOfInput = true;
		}
		else {
			bytes.position(bytes.position() + read);
		}
		bytes.flip();
	}

	/**
	 * Counts line ends the way the CSV parser does: CRLF, LF and a lone CR each end one
	 * line.
	 */
	private void countLines(int from, int to) {
		for (int i = from; i < to; i++) {
			char c = chars.get(i);
			if (c == '\r' || (c == '\n' && !previousWasCr)) {
				completedLines++;
			}
			previousWasCr = c == '\r';
		}
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

}
