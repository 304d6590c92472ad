package com.settlebatch.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.settlebatch.masking.CardNumbers;

/**
 * Our side of the gateway's three throttles (seed 001, "API Rate Limits"), so that the
 * gateway never has to answer THROTTLE_EXCEEDED: before a request is sent it takes a slot
 * in the sliding window of the app, of its endpoint, and of each merchant account it
 * pays, all at once or not at all, and waits for a free slot rather than be refused. One
 * instance per process, shared by every thread that calls the gateway; where the windows
 * live (this process, or the database every node shares) is its {@link WindowStore}.
 *
 * <p>
 * A permit's place in the window is stamped when its request has <em>finished</em>, not
 * when it was sent. The gateway counts a request when it arrives, and the client only
 * knows that has happened once the answer is back; stamping at send time would let a slow
 * request (a cold connection, a busy gateway) be counted by the gateway later than by us,
 * and the request {@code limit} permits after it would land inside the gateway's window.
 * The margin on top covers the two clocks not running at quite the same rate.
 *
 * <p>
 * Waiting threads of this process are served in the order they asked, per window: a
 * thread waits its turn in every window it needs (taken in one global order, so two
 * threads never wait for each other's turn), so no thread of a busy node starves while
 * others keep slipping in as slots free up.
 */
final class SlidingWindowRateLimiter {

	/**
	 * Added to the window so clock drift between us and the gateway cannot trip its
	 * window.
	 */
	static final Duration MARGIN = Duration.ofMillis(50);

	/**
	 * Turns of the account windows are striped: one fair lock per account would grow with
	 * every account ever paid. Two accounts of one stripe only wait in one line, and only
	 * while the app window (whose turn every request takes when it is on) does not
	 * already line them up.
	 */
	private static final int ACCOUNT_TURN_STRIPES = 64;

	private static final Logger log = LoggerFactory.getLogger(SlidingWindowRateLimiter.class);

	private final GatewayProperties.Throttle limits;

	private final WindowStore store;

	private final TimeSource time;

	// Fair and held while waiting: permits go out in the order they were asked for.
	private final ConcurrentHashMap<String, ReentrantLock> turns = new ConcurrentHashMap<>();

	/** In this process only, on the system clock. */
	SlidingWindowRateLimiter(GatewayProperties.Throttle limits) {
		this(limits, TimeSource.SYSTEM);
	}

	/** In this process only, on the given clock. */
	SlidingWindowRateLimiter(GatewayProperties.Throttle limits, TimeSource time) {
		this(limits, new MemoryWindows(span(limits).toNanos(), time), time);
	}

	SlidingWindowRateLimiter(GatewayProperties.Throttle limits, WindowStore store, TimeSource time) {
		this.limits = limits;
		this.store = store;
		this.time = time;
	}

	/** How long a finished request counts: the gateway's window and our margin. */
	static Duration span(GatewayProperties.Throttle limits) {
		return limits.window().plus(MARGIN);
	}

	/** For the log at start-up. */
	String describe() {
		return limits.off() ? "off"
				: "app " + limits.appLimit() + ", endpoint " + limits.endpointLimit() + ", account "
						+ limits.accountLimit() + " per " + limits.window().toMillis() + " ms (0 = off), windows "
						+ store.describe();
	}

	/**
	 * Waits until a request may be sent; waiting threads are served in the order they
	 * asked.
	 * @param endpoint the method and path, e.g. {@code POST /batch/create}
	 * @param accounts the merchant accounts the request pays; empty for a lookup
	 * @return the permit: close it once the request has finished, however it ended
	 * @throws Interrupted when interrupted while waiting; the thread's interrupt flag is
	 * set again
	 */
	Permit acquire(String endpoint, Collection<String> accounts) {
		List<WindowStore.Scope> scopes = scopes(endpoint, accounts);
		if (scopes.isEmpty()) {
			// Throttling off: no lock, no wait, and with the shared windows no database
			// round trip.
			return Permit.NONE;
		}
		List<ReentrantLock> held = new ArrayList<>();
		try {
			for (ReentrantLock turn : turnsOf(scopes)) {
				turn.lockInterruptibly();
				held.add(turn);
			}
			WindowStore.Attempt attempt;
			while (!(attempt = store.tryTake(scopes)).isTaken()) {
				if (attempt.waitNanos() == WindowStore.Attempt.WAIT_FOR_A_FINISH) {
					store.awaitAFinish(attempt.finishesSeen(), Long.MAX_VALUE);
				}
				else {
					log.debug("waiting {} ms for a {} permit ({} is full)",
							TimeUnit.NANOSECONDS.toMillis(attempt.waitNanos()), endpoint,
							CardNumbers.mask(attempt.blockedBy()));
					time.sleepNanos(attempt.waitNanos());
				}
			}
			return new Permit(attempt.release());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new Interrupted(endpoint);
		}
		finally {
			held.forEach(ReentrantLock::unlock);
		}
	}

	/**
	 * The windows a request counts in: the app's, its endpoint's, and each account's it
	 * pays (a {@code /batch/create} once per account, as the gateway counts it: see the
	 * sandbox's {@code BatchCreateHandler.accountsOf}). A throttle that is off has no
	 * window.
	 */
	private List<WindowStore.Scope> scopes(String endpoint, Collection<String> accounts) {
		List<WindowStore.Scope> scopes = new ArrayList<>(2 + accounts.size());
		if (limits.appLimit() > 0) {
			scopes.add(new WindowStore.Scope("app", limits.appLimit()));
		}
		if (limits.endpointLimit() > 0) {
			scopes.add(new WindowStore.Scope("endpoint " + endpoint, limits.endpointLimit()));
		}
		if (limits.accountLimit() > 0) {
			new LinkedHashSet<>(accounts)
				.forEach(account -> scopes.add(new WindowStore.Scope("account " + account, limits.accountLimit())));
		}
		return scopes;
	}

	/**
	 * The turns to wait in, always in one order (app, endpoints by name, account stripes
	 * by number): no deadlock.
	 */
	private List<ReentrantLock> turnsOf(List<WindowStore.Scope> scopes) {
		Set<String> names = new TreeSet<>();
		for (WindowStore.Scope scope : scopes) {
			String key = scope.key();
			names.add(key.equals("app") ? "0" : key.startsWith("endpoint ") ? "1 " + key
					: String.format("2 %02d", Math.floorMod(key.hashCode(), ACCOUNT_TURN_STRIPES)));
		}
		return names.stream().map(name -> turns.computeIfAbsent(name, key -> new ReentrantLock(true))).toList();
	}

	/** The right to send one request; closing it more than once is harmless. */
	static final class Permit implements AutoCloseable {

		private static final Permit NONE = new Permit(() -> {
		});

		private Runnable release;

		private Permit(Runnable release) {
			this.release = release;
		}

		@Override
		public void close() {
			Runnable once = release;
			release = null;
			if (once != null) {
				once.run();
			}
		}

	}

	/**
	 * Interrupted while waiting for a permit: nothing was sent, so the caller may simply
	 * try again.
	 */
	static final class Interrupted extends RuntimeException {

		Interrupted(String endpoint) {
			super("interrupted while waiting for a " + endpoint + " rate-limit permit");
		}

	}

	/**
	 * Monotonic time, like the gateway's own window; a seam so tests need not wait for
	 * real.
	 */
	interface TimeSource {

		TimeSource SYSTEM = new TimeSource() {

			@Override
			public long nanoTime() {
				return System.nanoTime();
			}

			@Override
			public void sleepNanos(long nanos) throws InterruptedException {
				TimeUnit.NANOSECONDS.sleep(nanos);
			}

		};

		long nanoTime();

		void sleepNanos(long nanos) throws InterruptedException;

	}

}
