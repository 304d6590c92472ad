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
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decodes UTF-8 strictly, line by line: a malformed byte is never silently turned into
 * U+FFFD, which would change amounts and ids; instead the line holding it is remembered
 * (with the byte offset) so the CSV reader rejects the record on that line and goes on
 * with the next one. A placeholder U+FFFD stands for the bad bytes meanwhile: malformed
 * bytes are never ASCII, so no comma, quote or line end is lost or invented and the
 * records around keep their shape. A JDK {@code InputStreamReader} decodes whole blocks
 * ahead of the CSV parser, so it cannot say on which line the bad bytes are; this reader
 * counts lines itself while decoding. A leading byte order mark is dropped.
 */
final class StrictUtf8Reader extends Reader {

	/**
	 * Where the input is not UTF-8, for the message to people.
	 *
	 * @param line the line holding the first malformed byte, from 1
	 * @param byteOffset that byte's offset in the file, from 0
	 */
	record InvalidUtf8(long line, long byteOffset) {

		String reason() {
			return "is not valid UTF-8 at line " + line + " (byte offset " + byteOffset + ")";
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

	/** Line to the offset of its first malformed byte, for lines not yet asked about. */
	private final NavigableMap<Long, Long> invalidLines = new TreeMap<>();

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
	 * The first line from {@code first} to {@code last} holding bytes that are not UTF-8,
	 * or null. Lines before {@code first} are forgotten: records are asked about in
	 * order.
	 */
	InvalidUtf8 invalidBetween(long first, long last) {
		invalidLines.headMap(first).clear();
		Map.Entry<Long, Long> invalid = invalidLines.firstEntry();
		return invalid == null || invalid.getKey() > last ? null
				: new InvalidUtf8(invalid.getKey(), invalid.getValue());
	}

	/**
	 * @return false at the end of the input
	 */
	private boolean fill() throws IOException {
		if (endOfInput && !bytes.hasRemaining()) {
			return false;
		}
		chars.clear();
		int counted = 0;
		try {
			while (chars.position() == 0) {
				CoderResult result = decoder.decode(bytes, chars, endOfInput);
				if (result.isError() && chars.hasRemaining()) {
					countLines(counted, chars.position());
					counted = chars.position();
					invalidLines.putIfAbsent(completedLines + 1, bytesBeforeBuffer + bytes.position());
					bytes.position(bytes.position() + result.length());
					chars.put('\uFFFD');
				}
				else if (result.isUnderflow()) {
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
		countLines(counted, chars.limit());
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
