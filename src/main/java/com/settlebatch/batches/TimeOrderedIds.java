package com.settlebatch.batches;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids
 * minted close in time sort close together, so a million payments imported in a row
 * append to the right edge of the primary-key and Unique-Key B-trees instead of dirtying
 * random pages across them, as random (version 4) UUIDs would. The random part comes from
 * {@link SecureRandom}: a Unique-Key must never repeat, across processes and restarts
 * alike.
 */
final class TimeOrderedIds {

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	TimeOrderedIds(Clock clock) {
		this.clock = clock;
	}

	String next() {
		long millis = clock.millis();
		long randA = random.nextLong();
		long randB = random.nextLong();
		long high = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
		long low = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

}
