package com.settlebatch.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code settle} process ({@code settle worker}, or a manager's
 * {@code settle settle}), started from the test class path with the settings of the
 * test's application (database schema, broker queue, its embedded sandbox as gateway),
 * its output in a file the test can read. Killed with SIGKILL when asked, as a machine
 * dies.
 */
final class SettleProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private SettleProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static SettleProcess start(String name, Map<String, String> properties, String... arguments) {
		try {
			Path log = Files.createTempFile("settle-" + name + "-", ".log");
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
							"-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path")));
			properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
			command.add("com.settlebatch.SettleCli");
			command.addAll(List.of(arguments));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new SettleProcess(process, log);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Waits until the worker says it takes partitions; fails with its output if it died
	 * or took too long.
	 */
	SettleProcess awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!log().contains("settle worker: taking partitions")) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				throw new AssertionError("worker " + pid() + " did not start:\n" + log());
			}
			Thread.sleep(100);
		}
		return this;
	}

	/**
	 * kill -9: no shutdown hook, no last commit, the lease left to expire or be found
	 * dead.
	 */
	void kill9() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			kill9();
		}
	}

}
