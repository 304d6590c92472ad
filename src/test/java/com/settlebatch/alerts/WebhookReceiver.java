package com.settlebatch.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint that takes webhook deliveries: it keeps every request and answers
 * with the statuses it was told to, then 204.
 */
final class WebhookReceiver implements AutoCloseable {

	/** A request as it arrived. */
	record Received(String id, String timestamp, String signature, String body, long atMillis) {
	}

	private record Answer(int status, Map<String, String> headers) {
	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Deque<Answer> answers = new ArrayDeque<>();

	private volatile CountDownLatch holding = new CountDownLatch(0);

	WebhookReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/hooks/settle", this::handle);
		// A request held open must not hold up the next one.
		server.setExecutor(Executors.newCachedThreadPool());
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/settle";
	}

	synchronized void answerNext(int status, Map<String, String> headers) {
		answers.add(new Answer(status, headers));
	}

	/**
	 * Takes requests but answers none until {@link #release()}, as an endpoint that hangs
	 * would.
	 */
	void hold() {
		holding = new CountDownLatch(1);
	}

	void release() {
		holding.countDown();
	}

	synchronized void reset() {
		answers.clear();
		received.clear();
	}

	List<Received> received() {
		return List.copyOf(received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
				exchange.getRequestHeaders().getFirst("webhook-timestamp"),
				exchange.getRequestHeaders().getFirst("webhook-signature"), body, System.currentTimeMillis()));
		try {
			holding.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		Answer answer;
		synchronized (this) {
			answer = answers.isEmpty() ? new Answer(204, Map.of()) : answers.poll();
		}
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		exchange.sendResponseHeaders(answer.status(), -1);
		exchange.close();
	}

	@Override
	public void close() {
		release();
		server.stop(0);
	}

}
