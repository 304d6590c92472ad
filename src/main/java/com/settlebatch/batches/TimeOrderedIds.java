package com.settlebatch.batches;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids
 * minted close in time sort close together, so a million payments imported in a row
 * append to the right edge of the primary-key and Unique-Key B-trees instead of dirtying
 * random pages across them, as random (version 4) UUIDs would. The random part comes from
 * the operating system's generator: a Unique-Key must never repeat, across processes and
 * restarts alike. Its bytes are drawn {@value #IDS_PER_DRAW} ids at a time: one draw per
 * id (a payment mints two) was about a twentieth of an import's CPU.
 *
 * <p>
 * Where there is a {@code /dev/urandom} its bytes are read as they are: that is the
 * source {@link SecureRandom}'s default on Linux (NativePRNG) reads too, but it then
 * mixes every byte with a SHA-1 generator of its own, in Java, and on the C1 compiler the
 * import runs on that mixing was a tenth of the import thread's CPU (200,000 payments,
 * 6.4 MB of random bytes). Elsewhere, or once the device cannot be read, the bytes come
 * from {@link SecureRandom}.
 */
final class TimeOrderedIds {

	private static final int IDS_PER_DRAW = 256;

	private static final String DEVICE = "/dev/urandom";

	/** The device, open for the life of this generator; null once it cannot be read. */
	private InputStream device;

	private final SecureRandom random = new SecureRandom();

	/** Random bits not yet used, 16 bytes an id; guarded by this. */
	private final ByteBuffer drawn = ByteBuffer.allocate(16 * IDS_PER_DRAW).position(16 * IDS_PER_DRAW);

	private final Clock clock;

	TimeOrderedIds(Clock clock) {
		this(clock, DEVICE);
	}

	/**
	 * @param device the file random bytes are read from; one that cannot be opened makes
	 * {@link SecureRandom} the source
	 */
	TimeOrderedIds(Clock clock, String device) {
		this.clock = clock;
		this.device = open(device);
	}

	String next() {
		long millis = clock.millis();
		long randA;
		long randB;
		synchronized (this) {
			if (!drawn.hasRemaining()) {
				draw(drawn.array());
				drawn.clear();
			}
			randA = drawn.getLong();
			randB = drawn.getLong();
		}
		long high = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
		long low = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

	/** Fills the buffer; guarded by this. */
	private void draw(byte[] into) {
		if (device != null) {
			try {
				if (device.readNBytes(into, 0, into.length) == into.length) {
					return;
				}
			}
			catch (IOException unreadable) {
				// The device went away: SecureRandom from now on.
			}
			closeDevice();
		}
		random.nextBytes(into);
	}

	private void closeDevice() {
		try {
			device.close();
		}
		catch (IOException ignored) {
			// Only read from; nothing is lost.
		}
		device = null;
	}

	private static InputStream open(String device) {
		try {
			return new FileInputStream(device);
		}
		catch (IOException | SecurityException absent) {
			return null;
		}
	}

}
