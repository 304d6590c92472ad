package com.settlebatch.sandbox;

import java.time.Duration;
import java.util.Random;

/**
 * Seeded random faults per payment call. One draw per call decides between a server
 * error, a decline, a hang and nothing, so the rates are exact shares and a run is
 * reproducible from the seed as long as the calls arrive in the same order.
 */
final class RandomFaults {

	enum Kind {

		NONE, SERVER_ERROR, DECLINE, HANG

	}

	/**
	 * @param status the 5xx status to answer for {@link Kind#SERVER_ERROR}, otherwise 0
	 * @param hang how long to sleep for {@link Kind#HANG}, otherwise zero
	 */
	record Draw(Kind kind, int status, Duration hang) {

		static final Draw NONE = new Draw(Kind.NONE, 0, Duration.ZERO);

	}

	static final RandomFaults OFF = new RandomFaults(0, 0, 0, Duration.ZERO, 0);

	private static final int[] SERVER_ERRORS = { 500, 502, 503, 504 };

	private final double serverErrorRate;

	private final double declineRate;

	private final double hangRate;

	private final Duration hang;

	private final Random random; // guarded by this

	RandomFaults(double serverErrorRate, double declineRate, double hangRate, Duration hang, long seed) {
		requireRate("serverErrorRate", serverErrorRate);
		requireRate("declineRate", declineRate);
		requireRate("hangRate", hangRate);
		// A small tolerance so that rates like 0.1 + 0.2 + 0.7 are not rejected for
		// rounding.
		if (serverErrorRate + declineRate + hangRate > 1 + 1e-9) {
			throw new IllegalArgumentException("the rates must add up to at most 1");
		}
		if (hang == null || hang.isNegative()) {
			throw new IllegalArgumentException("hang must be a non-negative duration");
		}
		this.serverErrorRate = serverErrorRate;
		this.declineRate = declineRate;
		this.hangRate = hangRate;
		this.hang = hang;
		this.random = new Random(seed);
	}

	synchronized Draw next() {
		if (serverErrorRate == 0 && declineRate == 0 && hangRate == 0) {
			return Draw.NONE;
		}
		double draw = random.nextDouble();
		if (draw < serverErrorRate) {
			return new Draw(Kind.SERVER_ERROR, SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)], Duration.ZERO);
		}
		if (draw < serverErrorRate + declineRate) {
			return new Draw(Kind.DECLINE, 0, Duration.ZERO);
		}
		return draw < serverErrorRate + declineRate + hangRate ? new Draw(Kind.HANG, 0, hang) : Draw.NONE;
	}

	private static void requireRate(String name, double rate) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
		}
	}

}
