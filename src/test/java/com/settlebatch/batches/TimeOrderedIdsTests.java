package com.settlebatch.batches;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids are version 7 UUIDs that sort by their minting time and never repeat, whether their
 * random bits come from the operating system's device or, without it, from SecureRandom.
 */
class TimeOrderedIdsTests {

	private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T23:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path dir;

	@Test
	void idsFromTheDeviceAreDistinctVersion7UuidsCarryingTheirMillisecond() {
		// given
		TimeOrderedIds ids = new TimeOrderedIds(NOW);

		// when: more ids than one draw of random bytes holds
		Set<String> minted = mint(ids, 10_000);

		// then
		assertThat(minted).hasSize(10_000).allSatisfy(id -> {
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(7);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(NOW.millis());
		});
	}

	@Test
	void withoutTheDeviceTheRandomBitsComeFromSecureRandom() {
		// given: a device that does not exist
		TimeOrderedIds ids = new TimeOrderedIds(NOW, dir.resolve("no-such-device").toString());

		// when
		Set<String> minted = mint(ids, 1_000);

		// then
		assertThat(minted).hasSize(1_000).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
	}

	@Test
	void aDeviceThatRunsDryGivesWayToSecureRandomWithoutRepeatingItsBytes() throws Exception {
		// given: a "device" of zeros that holds one draw of bytes and no more
		Path device = dir.resolve("short-device");
		Files.write(device, new byte[16 * 256]);
		TimeOrderedIds ids = new TimeOrderedIds(NOW, device.toString());

		// when: the first 256 ids take the device's bytes, the next ones SecureRandom's
		Set<String> first = mint(ids, 256);
		Set<String> after = mint(ids, 1_000);

		// then: the device's zeros made one id 256 times; SecureRandom's are all distinct
		assertThat(first).hasSize(1);
		assertThat(after).hasSize(1_000).doesNotContainAnyElementsOf(first);
	}

	private static Set<String> mint(TimeOrderedIds ids, int count) {
		Set<String> minted = new HashSet<>();
		for (int i = 0; i < count; i++) {
			minted.add(ids.next());
		}
		return minted;
	}

}
